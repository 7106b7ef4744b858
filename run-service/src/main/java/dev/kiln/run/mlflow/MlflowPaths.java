package dev.kiln.run.mlflow;

/** Where the MLflow routes live inside run-service (the gateway forwards them unchanged). */
final class MlflowPaths {

  /** Every MLflow route of a workspace starts here: the tracking URI a client is given. */
  static final String WORKSPACE = "/mlflow/workspaces/{workspace}";

  static final String TRACKING = WORKSPACE + "/api/2.0/mlflow";

  static final String ARTIFACTS = WORKSPACE + "/api/2.0/mlflow-artifacts";

  /** The prefix of every request path these routes answer. */
  static final String PREFIX = "/mlflow/";

  private MlflowPaths() {}
}
