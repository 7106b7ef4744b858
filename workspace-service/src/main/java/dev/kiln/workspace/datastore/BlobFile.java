package dev.kiln.workspace.datastore;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A file in a workspace's workspaceblobstore, as uploaded: its hash and size. */
@Entity
@Table(name = "blob_file")
class BlobFile {

  @EmbeddedId private Key key;

  @Column(nullable = false)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected BlobFile() {}

  BlobFile(UUID workspaceId, String path, String sha256, long size, Instant updatedAt) {
    this.key = new Key(workspaceId, path);
    this.sha256 = sha256;
    this.size = size;
    this.updatedAt = updatedAt;
  }

  String path() {
    return key.path;
  }

  String sha256() {
    return sha256;
  }

  long size() {
    return size;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  @Embeddable
  static class Key implements Serializable {

    @Column(name = "workspace_id")
    private UUID workspaceId;

    private String path;

    protected Key() {}

    Key(UUID workspaceId, String path) {
      this.workspaceId = workspaceId;
      this.path = path;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.workspaceId.equals(workspaceId)
          && key.path.equals(path);
    }

    @Override
    public int hashCode() {
      return workspaceId.hashCode() * 31 + path.hashCode();
    }
  }
}
