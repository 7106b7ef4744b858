package dev.kiln.run.mlflow;

import dev.kiln.run.run.RunStorage;
import java.time.Instant;
import java.util.UUID;

/**
 * An MLflow 3 logged model: a model of an experiment, usually produced by a run ({@code
 * sourceRunId}), with files of its own.
 *
 * @param id MLflow's model id, {@code m-} and 32 hex digits
 * @param status {@code LOGGED_MODEL_PENDING} until the client finalizes it
 */
record LoggedModel(
    String id,
    UUID workspaceId,
    UUID experimentId,
    String name,
    String modelType,
    UUID sourceRunId,
    String status,
    String statusMessage,
    boolean deleted,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  static final String PENDING = "LOGGED_MODEL_PENDING";
  static final String READY = "LOGGED_MODEL_READY";
  static final String UPLOAD_FAILED = "LOGGED_MODEL_UPLOAD_FAILED";

  /**
   * Where the model's files live: under its source run, so that they go when the run goes, or under
   * the workspace for a model logged outside any run.
   */
  String storagePrefix() {
    return sourceRunId != null
        ? RunStorage.prefix(sourceRunId) + "models/" + id + "/"
        : "logged-models/" + workspaceId + "/" + id + "/";
  }
}
