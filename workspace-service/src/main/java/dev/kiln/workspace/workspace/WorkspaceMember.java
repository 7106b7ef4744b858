package dev.kiln.workspace.workspace;

import dev.kiln.common.auth.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A user's role in a workspace. */
@Entity
@Table(name = "workspace_member")
class WorkspaceMember {

  @EmbeddedId private Key key;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Role role;

  @Column(name = "added_at", nullable = false)
  private Instant addedAt;

  protected WorkspaceMember() {}

  WorkspaceMember(UUID workspaceId, UUID userId, Role role, Instant addedAt) {
    this.key = new Key(workspaceId, userId);
    this.role = role;
    this.addedAt = addedAt;
  }

  UUID workspaceId() {
    return key.workspaceId;
  }

  UUID userId() {
    return key.userId;
  }

  Role role() {
    return role;
  }

  void changeRole(Role role) {
    this.role = role;
  }

  Instant addedAt() {
    return addedAt;
  }

  @Embeddable
  static class Key implements Serializable {

    @Column(name = "workspace_id")
    private UUID workspaceId;

    @Column(name = "user_id")
    private UUID userId;

    protected Key() {}

    Key(UUID workspaceId, UUID userId) {
      this.workspaceId = workspaceId;
      this.userId = userId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.workspaceId.equals(workspaceId)
          && key.userId.equals(userId);
    }

    @Override
    public int hashCode() {
      return workspaceId.hashCode() * 31 + userId.hashCode();
    }
  }
}
