package dev.kiln.workspace.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A personal access token: its hash, never its secret. */
@Entity
@Table(name = "access_token")
class AccessToken {

  @Id private UUID id;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String prefix;

  @Column(name = "secret_hash", nullable = false)
  private String secretHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected AccessToken() {}

  AccessToken(
      UUID id,
      UUID userId,
      String name,
      String prefix,
      String secretHash,
      Instant createdAt,
      Instant expiresAt) {
    this.id = id;
    this.userId = userId;
    this.name = name;
    this.prefix = prefix;
    this.secretHash = secretHash;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  /** Whether the token may be used at {@code now}: not revoked, not expired. */
  boolean isValidAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  void usedAt(Instant now) {
    lastUsedAt = now;
  }

  UUID id() {
    return id;
  }

  UUID userId() {
    return userId;
  }

  String name() {
    return name;
  }

  String prefix() {
    return prefix;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  Instant revokedAt() {
    return revokedAt;
  }

  Instant lastUsedAt() {
    return lastUsedAt;
  }
}
