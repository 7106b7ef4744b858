package dev.kiln.run.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named group of runs in a workspace. */
@Entity
@Table(name = "experiment")
public class Experiment {

  /** The experiment every workspace has, MLflow's experiment {@code "0"}. */
  public static final String DEFAULT_NAME = "Default";

  @Id private UUID id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(nullable = false)
  private String lifecycle;

  /** The tags as a JSON object. */
  @Column(nullable = false)
  private String tags;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Experiment() {}

  Experiment(UUID id, UUID workspaceId, String name, String createdBy, Instant now) {
    this.id = id;
    this.workspaceId = workspaceId;
    this.name = name;
    this.lifecycle = Lifecycle.ACTIVE;
    this.tags = "{}";
    this.createdBy = createdBy;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public UUID workspaceId() {
    return workspaceId;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public boolean deleted() {
    return Lifecycle.DELETED.equals(lifecycle);
  }

  public String tagsJson() {
    return tags;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** MLflow's id: {@code "0"} for the default experiment, the UUID otherwise. */
  public String mlflowId() {
    return DEFAULT_NAME.equals(name) ? "0" : id.toString();
  }

  void rename(String newName, Instant now) {
    this.name = newName;
    this.updatedAt = now;
  }

  void describe(String newDescription, Instant now) {
    this.description = newDescription;
    this.updatedAt = now;
  }

  void tag(String json, Instant now) {
    this.tags = json;
    this.updatedAt = now;
  }

  void setDeleted(boolean isDeleted, Instant now) {
    this.lifecycle = isDeleted ? Lifecycle.DELETED : Lifecycle.ACTIVE;
    this.updatedAt = now;
  }

  /** The lifecycle stages, as MLflow names them in lower case. */
  static final class Lifecycle {
    static final String ACTIVE = "active";
    static final String DELETED = "deleted";

    private Lifecycle() {}
  }
}
