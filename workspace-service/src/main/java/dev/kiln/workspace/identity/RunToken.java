package dev.kiln.workspace.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A run token: its hash, never its secret, with the run it serves, the workspace it is confined to
 * and the user who submitted the run.
 */
@Entity
@Table(name = "run_token")
class RunToken {

  @Id private UUID id;

  @Column(name = "run_id", nullable = false)
  private UUID runId;

  @Column(name = "run_name", nullable = false)
  private String runName;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "workspace_name", nullable = false)
  private String workspaceName;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  @Column(name = "secret_hash", nullable = false)
  private String secretHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected RunToken() {}

  RunToken(
      UUID id,
      UUID runId,
      String runName,
      UUID workspaceId,
      String workspaceName,
      UUID userId,
      String secretHash,
      Instant createdAt,
      Instant expiresAt) {
    this.id = id;
    this.runId = runId;
    this.runName = runName;
    this.workspaceId = workspaceId;
    this.workspaceName = workspaceName;
    this.userId = userId;
    this.secretHash = secretHash;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  /** Whether the token may be used at {@code now}: not revoked, not expired. */
  boolean isValidAt(Instant now) {
    return revokedAt == null && expiresAt.isAfter(now);
  }

  void usedAt(Instant now) {
    lastUsedAt = now;
  }

  String runName() {
    return runName;
  }

  String workspaceName() {
    return workspaceName;
  }

  UUID userId() {
    return userId;
  }

  Instant expiresAt() {
    return expiresAt;
  }
}
