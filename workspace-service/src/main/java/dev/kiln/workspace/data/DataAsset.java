package dev.kiln.workspace.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "data_asset")
class DataAsset {

  @Id private UUID id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String version;

  @Column(nullable = false)
  private String type;

  @Column(nullable = false)
  private String path;

  private String description;

  /** The tags as a JSON object. */
  private String tags;

  @Column(name = "content_hash")
  private String contentHash;

  @Column(nullable = false)
  private boolean archived;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected DataAsset() {}

  DataAsset(
      UUID id,
      UUID workspaceId,
      String name,
      String version,
      String type,
      String path,
      String description,
      String tags,
      String contentHash,
      Instant createdAt) {
    this.id = id;
    this.workspaceId = workspaceId;
    this.name = name;
    this.version = version;
    this.type = type;
    this.path = path;
    this.description = description;
    this.tags = tags;
    this.contentHash = contentHash;
    this.createdAt = createdAt;
  }

  void archive() {
    archived = true;
  }

  void restore() {
    archived = false;
  }

  UUID id() {
    return id;
  }

  String name() {
    return name;
  }

  String version() {
    return version;
  }

  String type() {
    return type;
  }

  String path() {
    return path;
  }

  String description() {
    return description;
  }

  String tags() {
    return tags;
  }

  String contentHash() {
    return contentHash;
  }

  boolean archived() {
    return archived;
  }

  Instant createdAt() {
    return createdAt;
  }
}
