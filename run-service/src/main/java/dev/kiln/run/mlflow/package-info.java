/**
 * The MLflow tracking REST API and artifacts proxy over Kiln's experiments, runs, metrics and
 * artifacts, served per workspace at {@code /mlflow/workspaces/{workspace}/api/2.0/mlflow/…} and
 * {@code …/api/2.0/mlflow-artifacts/…}, so that an unmodified MLflow client with {@code
 * MLFLOW_TRACKING_URI=…/mlflow/workspaces/{workspace}} logs ordinary Kiln runs. An MLflow {@code
 * run_id} is the Kiln run's name; experiment {@code "0"} is the workspace's {@code Default}. MLflow
 * 3 logged models are kept here (their rows and files). Errors on these routes are MLflow's JSON
 * ({@code error_code}, {@code message}), which the client depends on.
 */
package dev.kiln.run.mlflow;
