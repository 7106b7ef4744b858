package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.cli.RunningPlatform.Run;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance case of issue 5: the compute and command-job examples of YAML.md, created with
 * {@code kiln compute create -f} and {@code kiln job create -f --stream} on the standalone, run a
 * real training script on the local backend: scikit-learn and the unmodified mlflow client from
 * PyPI in the job's environment, metrics logged through MLflow to this very run, {@code ./outputs}
 * and a named output uploaded.
 */
class TrainingJobTest {

  /** Two features are enough for a model; the numbers are made up. */
  static final String WINE =
      "fixed_acidity,alcohol,quality\n7.4,9.4,5\n7.8,9.8,5\n11.2,9.8,6\n7.3,10.0,7\n"
          + "6.7,9.5,5\n8.1,10.5,6\n";

  @TempDir static Path project;
  static String workspace;

  @BeforeAll
  static void assets() throws IOException {
    workspace = "train-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(RunningPlatform.kiln("workspace", "create", workspace).exitCode()).isZero();
    write(
        "compute.yml",
        """
        $schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
        name: cpu-pool
        type: amlcompute
        min_instances: 0
        max_instances: 4
        idle_time_before_scale_down: 120
        """);
    Run compute = kiln("compute", "create", "-f", project.resolve("compute.yml").toString());
    assertThat(compute.exitCode()).as(compute.err()).isZero();
    // The same pins as the MLflow client test, so that pip's cache serves both.
    write(
        "env/conda.yaml",
        """
        dependencies:
          - python=3.11
          - pip:
            - mlflow==3.17.2
            - scikit-learn==1.9.1
        """);
    write(
        "env/environment.yml",
        """
        $schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json
        name: sklearn-env
        image: python:3.11-slim
        conda_file: conda.yaml
        """);
    Run environment =
        kiln("environment", "create", "-f", project.resolve("env/environment.yml").toString());
    assertThat(environment.exitCode()).as(environment.err()).isZero();
    api("PUT", "/datastores/workspaceblobstore/files/tables/wine.csv", WINE);
    write(
        "src/train.py",
        """
        import argparse, csv, pathlib
        import mlflow
        from sklearn.linear_model import Ridge
        from sklearn.metrics import mean_squared_error

        parser = argparse.ArgumentParser()
        parser.add_argument("--alpha", type=float)
        parser.add_argument("--data")
        parser.add_argument("--out")
        args = parser.parse_args()
        rows = list(csv.DictReader(open(args.data)))
        x = [[float(r["fixed_acidity"]), float(r["alcohol"])] for r in rows]
        y = [float(r["quality"]) for r in rows]
        print(f"read {len(rows)} rows from {args.data}", flush=True)
        with mlflow.start_run():
            mlflow.log_param("alpha", args.alpha)
            for step, alpha in enumerate([args.alpha * 4, args.alpha * 2, args.alpha]):
                model = Ridge(alpha=alpha).fit(x, y)
                rmse = mean_squared_error(y, model.predict(x)) ** 0.5
                mlflow.log_metric("rmse", rmse, step=step)
        pathlib.Path("outputs").mkdir(exist_ok=True)
        pathlib.Path("outputs/summary.txt").write_text(f"rmse={rmse:.4f}")
        out = pathlib.Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "coefficients.txt").write_text(" ".join(str(c) for c in model.coef_))
        print(f"trained: rmse={rmse:.4f}", flush=True)
        """);
  }

  @Test
  void theYamlMdCommandJobTrainsAModelLogsThroughMlflowAndKeepsItsOutputs() throws IOException {
    Path spec =
        write(
            "job.yml",
            """
            $schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
            command: python train.py --alpha ${{inputs.alpha}} --data ${{inputs.table}} --out ${{outputs.model}}
            code: ./src
            inputs:
              alpha: 0.3
              table:
                type: uri_file
                path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv
            outputs:
              model:
                type: uri_folder
            environment: azureml:sklearn-env@latest
            compute: azureml:cpu-pool
            experiment_name: wine-quality
            environment_variables:
              OMP_NUM_THREADS: "1"
            limits:
              timeout: 900
            """);

    Run streamed = kiln("job", "create", "-f", spec.toString(), "--stream");

    assertThat(streamed.exitCode()).as(streamed.out() + streamed.err()).isZero();
    assertThat(streamed.out()).contains("read 6 rows from /", "trained: rmse=");
    String run = runName(streamed.err() + streamed.out());
    assertThat(api("GET", "/jobs/" + run, "")).contains("\"status\":\"Completed\"");
    String metrics = api("GET", "/jobs/" + run + "/metrics", "");
    assertThat(metrics)
        .contains("\"rmse\"", "system/cpu_utilization_percentage", "system/run_duration_seconds");
    assertThat(api("GET", "/jobs/" + run + "/metrics/rmse", "")).contains("\"step\":2");
    assertThat(api("GET", "/jobs/" + run + "/params", "")).contains("\"alpha\"", "0.3");
    assertThat(api("GET", "/jobs/" + run + "/artifacts/outputs/summary.txt", ""))
        .startsWith("rmse=");
    assertThat(api("GET", "/jobs/" + run + "/artifacts/named-outputs/model/coefficients.txt", ""))
        .isNotBlank();
    Run downloaded =
        kiln(
            "job",
            "download",
            run,
            "--path",
            "named-outputs/model",
            "--download-path",
            project.resolve("download").toString());
    assertThat(downloaded.exitCode()).as(downloaded.err()).isZero();
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(project.resolve("download"))) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    assertThat(files)
        .singleElement()
        .satisfies(f -> assertThat(f.getFileName().toString()).isEqualTo("coefficients.txt"));
  }

  private static String runName(String output) {
    Matcher created = Pattern.compile("Created job '([^']+)'").matcher(output);
    assertThat(created.find()).as(output).isTrue();
    return created.group(1);
  }

  private static Run kiln(String... args) {
    List<String> all = new ArrayList<>(List.of("-w", workspace));
    all.addAll(List.of(args));
    return RunningPlatform.kiln(all.toArray(String[]::new));
  }

  private static Path write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** A request to {@code /api/v1/workspaces/<workspace><path>} as the administrator. */
  private static String api(String method, String path, String body) {
    TestHttp.Response response =
        RunningPlatform.admin()
            .send(
                method,
                "/api/v1/workspaces/" + workspace + path,
                null,
                body.isEmpty() ? null : body);
    assertThat(response.status() / 100)
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(2);
    return response.body();
  }
}
