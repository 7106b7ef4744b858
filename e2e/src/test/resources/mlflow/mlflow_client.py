"""Drives an unmodified MLflow client against Kiln and prints, as one JSON line on stdout, what it
read back. MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN come from the environment.

    mlflow_client.py track <experiment>   log a training run the way users do, then read it back
    mlflow_client.py get-run <run_id>     read one run, as MlflowClient().get_run shows it
    mlflow_client.py no-token             call the server without a token; print the error
"""

import hashlib
import json
import os
import sys
import tempfile

# Large files go up in parts straight to the object store: 6 MiB in two parts of 5 MiB at most.
os.environ.setdefault("MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE", str(1024 * 1024))
os.environ.setdefault("MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE", str(5 * 1024 * 1024))
# A refused request fails at once instead of being retried for minutes.
os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")

import mlflow  # noqa: E402
import numpy as np  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402


def phase(name):
    print(f"### {name}", file=sys.stderr, flush=True)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def track(experiment_name):
    out = {}
    client = MlflowClient()

    phase("a run without an experiment goes to the default one")
    with mlflow.start_run() as default_run:
        mlflow.log_param("where", "default")
    out["default_run"] = {
        "run_id": default_run.info.run_id,
        "experiment_id": default_run.info.experiment_id,
    }

    phase("set_experiment")
    experiment = mlflow.set_experiment(experiment_name)
    out["experiment_id"] = experiment.experiment_id
    again = mlflow.set_experiment(experiment_name)
    out["experiment_id_again"] = again.experiment_id

    rng = np.random.default_rng(7)
    features = rng.normal(size=(80, 3))
    labels = (features[:, 0] + features[:, 1] > 0).astype(int)

    with tempfile.TemporaryDirectory() as folder, mlflow.start_run(run_name="train") as run:
        run_id = run.info.run_id
        phase("params, metrics and tags")
        mlflow.log_param("alpha", 0.5)
        mlflow.log_params({"solver": "lbfgs", "max_iter": 200})
        for step in range(5):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        mlflow.log_metrics({"accuracy": 0.9, "f1": 0.8}, step=4)
        mlflow.log_input(mlflow.data.from_numpy(features, name="features"), context="training")
        mlflow.set_tag("team", "vision")
        mlflow.set_tags({"stage": "dev", "scratch": "x"})
        mlflow.delete_tag("scratch")

        phase("artifacts")
        notes = os.path.join(folder, "notes.txt")
        with open(notes, "w") as f:
            f.write("hello from mlflow\n")
        mlflow.log_artifact(notes)
        reports = os.path.join(folder, "reports")
        os.makedirs(os.path.join(reports, "deep"))
        with open(os.path.join(reports, "a.json"), "w") as f:
            json.dump({"a": 1}, f)
        with open(os.path.join(reports, "deep", "b.txt"), "w") as f:
            f.write("b")
        mlflow.log_artifacts(reports, artifact_path="reports")
        weights = os.path.join(folder, "weights.bin")
        with open(weights, "wb") as f:
            f.write(os.urandom(6 * 1024 * 1024 + 123))
        mlflow.log_artifact(weights, artifact_path="large")
        out["weights_sha256"] = sha256(weights)

        phase("log_model")
        model = LogisticRegression().fit(features, labels)
        info = mlflow.sklearn.log_model(model, name="model", input_example=features[:2])
        out["model_uri"] = info.model_uri
        out["model_id"] = info.model_id

        phase("nested run")
        with mlflow.start_run(run_name="child", nested=True) as child:
            mlflow.log_metric("child_metric", 2.0)
        out["child_run_id"] = child.info.run_id
    out["run_id"] = run_id

    phase("read back")
    finished = client.get_run(run_id)
    out["run"] = {
        "status": finished.info.status,
        "run_name": finished.info.run_name,
        "user_id": finished.info.user_id,
        "experiment_id": finished.info.experiment_id,
        "artifact_uri": finished.info.artifact_uri,
        "lifecycle_stage": finished.info.lifecycle_stage,
        "start_time": finished.info.start_time,
        "end_time": finished.info.end_time,
        "params": finished.data.params,
        "metrics": finished.data.metrics,
        "tags": finished.data.tags,
        "datasets": [d.dataset.name for d in finished.inputs.dataset_inputs],
        "model_outputs": [m.model_id for m in finished.outputs.model_outputs],
    }
    out["child_parent"] = client.get_run(child.info.run_id).data.tags.get("mlflow.parentRunId")
    out["loss_history"] = [
        [m.step, m.value] for m in client.get_metric_history(run_id, "loss")
    ]
    frame = mlflow.search_runs(
        experiment_ids=[experiment.experiment_id],
        filter_string="params.alpha = '0.5' and metrics.loss < 1",
        order_by=["metrics.loss ASC"],
    )
    out["search"] = {
        "run_ids": [str(r) for r in frame["run_id"]],
        "losses": [float(v) for v in frame["metrics.loss"]],
    }
    out["artifacts"] = sorted(a.path for a in client.list_artifacts(run_id))

    phase("download_artifacts")
    with tempfile.TemporaryDirectory() as folder:
        notes = mlflow.artifacts.download_artifacts(
            run_id=run_id, artifact_path="notes.txt", dst_path=folder
        )
        with open(notes) as f:
            out["notes"] = f.read()
        reports = mlflow.artifacts.download_artifacts(
            artifact_uri=f"runs:/{run_id}/reports", dst_path=os.path.join(folder, "r")
        )
        out["reports"] = sorted(
            os.path.relpath(os.path.join(root, name), reports).replace(os.sep, "/")
            for root, _, names in os.walk(reports)
            for name in names
        )
        weights = mlflow.artifacts.download_artifacts(
            run_id=run_id, artifact_path="large/weights.bin", dst_path=os.path.join(folder, "w")
        )
        out["downloaded_weights_sha256"] = sha256(weights)

    phase("load_model")
    expected = [int(p) for p in model.predict(features[:10])]
    out["expected"] = expected
    out["predictions"] = [int(p) for p in mlflow.sklearn.load_model(info.model_uri).predict(features[:10])]
    by_run = mlflow.pyfunc.load_model(f"runs:/{run_id}/model")
    out["pyfunc_predictions"] = [int(p) for p in by_run.predict(features[:10])]
    return out


def get_run(run_id):
    run = MlflowClient().get_run(run_id)
    return {
        "run_id": run.info.run_id,
        "run_name": run.info.run_name,
        "status": run.info.status,
        "experiment_id": run.info.experiment_id,
        "tags": run.data.tags,
    }


def no_token():
    os.environ.pop("MLFLOW_TRACKING_TOKEN", None)
    try:
        MlflowClient().get_experiment_by_name("Default")
    except Exception as e:  # the client's own exception, whatever its class
        return {"error": type(e).__name__, "message": str(e)}
    return {"error": None}


def main():
    command = sys.argv[1]
    if command == "track":
        result = track(sys.argv[2])
    elif command == "get-run":
        result = get_run(sys.argv[2])
    elif command == "no-token":
        result = no_token()
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
