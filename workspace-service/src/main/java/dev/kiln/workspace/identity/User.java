package dev.kiln.workspace.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "app_user")
class User {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  @Column(name = "display_name")
  private String displayName;

  @Column(nullable = false)
  private boolean admin;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected User() {}

  User(UUID id, String name, String displayName, boolean admin, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.displayName = displayName;
    this.admin = admin;
    this.createdAt = createdAt;
  }

  UUID id() {
    return id;
  }

  String name() {
    return name;
  }

  String displayName() {
    return displayName;
  }

  boolean admin() {
    return admin;
  }

  Instant createdAt() {
    return createdAt;
  }
}
