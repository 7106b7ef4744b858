package dev.kiln.workspace.datastore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "datastore")
class Datastore {

  @Id private UUID id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private DatastoreType type;

  private String description;
  private String path;
  private String endpoint;
  private String bucket;
  private String region;
  private String prefix;

  @Column(name = "secret_ciphertext")
  private String secretCiphertext;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Datastore() {}

  Datastore(UUID id, UUID workspaceId, String name, DatastoreType type, Instant now) {
    this.id = id;
    this.workspaceId = workspaceId;
    this.name = name;
    this.type = type;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Replaces the settings (not the name or identity) with a validated spec's. */
  void configure(ValidatedSpec spec, String secretCiphertext, Instant now) {
    this.type = spec.type();
    this.description = spec.description();
    this.path = spec.path();
    this.endpoint = spec.endpoint();
    this.bucket = spec.bucket();
    this.region = spec.region();
    this.prefix = spec.prefix();
    this.secretCiphertext = secretCiphertext;
    this.updatedAt = now;
  }

  UUID id() {
    return id;
  }

  UUID workspaceId() {
    return workspaceId;
  }

  String name() {
    return name;
  }

  DatastoreType type() {
    return type;
  }

  String description() {
    return description;
  }

  String path() {
    return path;
  }

  String endpoint() {
    return endpoint;
  }

  String bucket() {
    return bucket;
  }

  String region() {
    return region;
  }

  String prefix() {
    return prefix;
  }

  String secretCiphertext() {
    return secretCiphertext;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }
}
