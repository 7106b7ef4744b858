package dev.kiln.run.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A run (an Azure ML job): one execution of code, with its history. */
@Entity
@Table(name = "run")
public class Run {

  @Id private UUID id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "experiment_id", nullable = false)
  private UUID experimentId;

  @Column(nullable = false)
  private String name;

  @Column(name = "display_name")
  private String displayName;

  private String description;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RunStatus status;

  @Column(nullable = false)
  private String lifecycle;

  @Column(name = "parent_id")
  private UUID parentId;

  @Column(name = "submitted_by")
  private String submittedBy;

  @Column(name = "submitted_name")
  private String submittedName;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "start_time")
  private Instant startTime;

  @Column(name = "end_time")
  private Instant endTime;

  @Column(name = "error_code")
  private String errorCode;

  @Column(name = "error_message")
  private String errorMessage;

  /** The properties as a JSON object. */
  @Column(nullable = false)
  private String properties;

  @Column(name = "snapshot_id")
  private String snapshotId;

  /** A submitted command job's accepted spec as JSON; null for a tracking-only run. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb")
  private String job;

  @Version private long version;

  protected Run() {}

  Run(
      UUID id,
      UUID workspaceId,
      UUID experimentId,
      String name,
      UUID parentId,
      String submittedBy,
      String submittedName,
      Instant now) {
    this.id = id;
    this.workspaceId = workspaceId;
    this.experimentId = experimentId;
    this.name = name;
    this.parentId = parentId;
    this.submittedBy = submittedBy;
    this.submittedName = submittedName;
    this.status = RunStatus.NOT_STARTED;
    this.lifecycle = "active";
    this.properties = "{}";
    this.createdAt = now;
    this.updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public UUID workspaceId() {
    return workspaceId;
  }

  public UUID experimentId() {
    return experimentId;
  }

  public String name() {
    return name;
  }

  public String displayName() {
    return displayName == null ? name : displayName;
  }

  public String description() {
    return description;
  }

  public RunStatus status() {
    return status;
  }

  public boolean deleted() {
    return "deleted".equals(lifecycle);
  }

  public UUID parentId() {
    return parentId;
  }

  public String submittedBy() {
    return submittedBy;
  }

  public String submittedName() {
    return submittedName;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant startTime() {
    return startTime;
  }

  public Instant endTime() {
    return endTime;
  }

  public String errorCode() {
    return errorCode;
  }

  public String errorMessage() {
    return errorMessage;
  }

  public String propertiesJson() {
    return properties;
  }

  public String snapshotId() {
    return snapshotId;
  }

  /** The accepted spec of a submitted command job as JSON, or null for a tracking-only run. */
  public String jobJson() {
    return job;
  }

  /**
   * Whether the run is a submitted command job: the platform, not its clients, then moves it
   * through its statuses.
   */
  public boolean submitted() {
    return job != null;
  }

  void describe(String newDisplayName, String newDescription, Instant now) {
    if (newDisplayName != null) {
      this.displayName = newDisplayName;
    }
    if (newDescription != null) {
      this.description = newDescription;
    }
    this.updatedAt = now;
  }

  void setProperties(String json, Instant now) {
    this.properties = json;
    this.updatedAt = now;
  }

  void setSnapshot(String id) {
    this.snapshotId = id;
  }

  void setJob(String json) {
    this.job = json;
  }

  void setDeleted(boolean isDeleted, Instant now) {
    this.lifecycle = isDeleted ? "deleted" : "active";
    this.updatedAt = now;
  }

  /** Moves to {@code next} at {@code at}; the caller has checked that the move is legal. */
  void moveTo(RunStatus next, Instant at, String code, String message) {
    this.status = next;
    if (next == RunStatus.RUNNING && startTime == null) {
      this.startTime = at;
    }
    if (next.terminal()) {
      this.endTime = at;
      if (startTime == null) {
        this.startTime = at;
      }
    }
    if (code != null || message != null) {
      this.errorCode = code;
      this.errorMessage = message;
    }
    this.updatedAt = at;
  }
}
