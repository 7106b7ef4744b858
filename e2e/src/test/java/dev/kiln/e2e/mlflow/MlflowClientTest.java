package dev.kiln.e2e.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.cli.RunningPlatform;
import dev.kiln.standalone.StandalonePlatform;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An unmodified MLflow client (the version pinned in {@code mlflow/requirements.txt}) against the
 * standalone platform, through the gateway with a Kiln token as {@code MLFLOW_TRACKING_TOKEN}: it
 * logs a training run with a scikit-learn model and reads everything back, and the run it made is
 * an ordinary Kiln run.
 */
class MlflowClientTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final long SCRIPT_TIMEOUT_SECONDS = 600;

  static PythonEnvironment python;
  static Path script;
  static StandalonePlatform platform;
  static TestHttp kiln;
  static String token;
  static String workspace;

  @BeforeAll
  static void startPlatformAndPython() throws IOException {
    python = PythonEnvironment.of("/mlflow/requirements.txt");
    script = Files.createTempFile("mlflow_client", ".py");
    try (InputStream in = MlflowClientTest.class.getResourceAsStream("/mlflow/mlflow_client.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    platform = RunningPlatform.get();
    token = Files.readString(platform.settings().home().resolve("admin-token")).strip();
    kiln =
        TestHttp.onPort(platform.settings().port())
            .withHeaders(Map.of("Authorization", "Bearer " + token));
    workspace = "mlflow-" + UUID.randomUUID().toString().substring(0, 8);
    var created = kiln.postJson("/api/v1/workspaces", "{\"name\": \"" + workspace + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @AfterAll
  static void deleteScript() throws IOException {
    Files.deleteIfExists(script);
  }

  private static String trackingUri() {
    return "http://127.0.0.1:" + platform.settings().port() + "/mlflow/workspaces/" + workspace;
  }

  /** Runs the client script with the tracking URI and the token (or none) of this test. */
  private static JsonNode client(boolean withToken, String... args) {
    Map<String, String> environment = new HashMap<>();
    environment.put("MLFLOW_TRACKING_URI", trackingUri());
    if (withToken) {
      environment.put("MLFLOW_TRACKING_TOKEN", token);
    }
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    PythonEnvironment.Result result =
        python.run(environment, SCRIPT_TIMEOUT_SECONDS, command.toArray(String[]::new));
    assertThat(result.exitCode())
        .as(
            "mlflow_client.py %s%nstdout:%n%s%nstderr:%n%s",
            args[0], result.stdout(), result.stderr())
        .isZero();
    return JSON.readTree(result.lastLine());
  }

  private static JsonNode kilnGet(String path) {
    var response = kiln.get("/api/v1/workspaces/" + workspace + path);
    assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
    return response.json();
  }

  @Test
  void anUnmodifiedMlflowClientTracksATrainingRunInKiln() {
    JsonNode out = client(true, "track", "iris-e2e");

    assertThat(out.at("/default_run/experiment_id").asString()).isEqualTo("0");
    String experimentId = out.get("experiment_id").asString();
    assertThat(out.get("experiment_id_again").asString()).isEqualTo(experimentId);
    String runId = out.get("run_id").asString();

    JsonNode run = out.get("run");
    assertThat(run.get("status").asString()).isEqualTo("FINISHED");
    assertThat(run.get("run_name").asString()).isEqualTo("train");
    assertThat(run.get("user_id").asString()).isEqualTo("admin");
    assertThat(run.get("experiment_id").asString()).isEqualTo(experimentId);
    assertThat(run.get("artifact_uri").asString())
        .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
    assertThat(run.get("lifecycle_stage").asString()).isEqualTo("active");
    assertThat(run.get("end_time").asLong()).isGreaterThanOrEqualTo(run.get("start_time").asLong());
    assertThat(run.at("/params/alpha").asString()).isEqualTo("0.5");
    assertThat(run.at("/params/solver").asString()).isEqualTo("lbfgs");
    assertThat(run.at("/params/max_iter").asString()).isEqualTo("200");
    assertThat(run.at("/metrics/loss").asDouble()).isEqualTo(0.2);
    assertThat(run.at("/metrics/accuracy").asDouble()).isEqualTo(0.9);
    assertThat(run.at("/tags/team").asString()).isEqualTo("vision");
    assertThat(run.at("/tags/stage").asString()).isEqualTo("dev");
    assertThat(run.get("tags").has("scratch")).isFalse();
    assertThat(run.get("datasets").toString()).isEqualTo("[\"features\"]");
    assertThat(run.get("model_outputs").get(0).asString())
        .isEqualTo(out.get("model_id").asString());
    assertThat(out.get("child_parent").asString()).isEqualTo(runId);

    List<String> history = new ArrayList<>();
    out.get("loss_history")
        .forEach(p -> history.add(p.get(0).asLong() + ":" + p.get(1).asDouble()));
    assertThat(history)
        .containsExactly("0:1.0", "1:0.5", "2:0.3333333333333333", "3:0.25", "4:0.2");
    assertThat(out.at("/search/run_ids").get(0).asString()).isEqualTo(runId);
    assertThat(out.at("/search/run_ids")).hasSize(1);

    List<String> artifacts = new ArrayList<>();
    out.get("artifacts").forEach(a -> artifacts.add(a.asString()));
    assertThat(artifacts).containsExactly("large", "notes.txt", "reports");
    assertThat(out.get("notes").asString()).isEqualTo("hello from mlflow\n");
    assertThat(out.get("reports").toString()).isEqualTo("[\"a.json\",\"deep/b.txt\"]");
    assertThat(out.get("downloaded_weights_sha256").asString())
        .isEqualTo(out.get("weights_sha256").asString());

    assertThat(out.get("model_id").asString()).matches("m-[0-9a-f]{32}");
    assertThat(out.get("predictions")).isEqualTo(out.get("expected"));
    assertThat(out.get("pyfunc_predictions")).isEqualTo(out.get("expected"));

    // The MLflow run is an ordinary Kiln run.
    JsonNode job = kilnGet("/jobs/" + runId);
    assertThat(job.get("status").asString()).isEqualTo("Completed");
    assertThat(job.get("displayName").asString()).isEqualTo("train");
    assertThat(job.get("experimentName").asString()).isEqualTo("iris-e2e");
    assertThat(job.get("experimentId").asString()).isEqualTo(experimentId);
    assertThat(job.get("submittedBy").asString()).isEqualTo("admin");
    assertThat(job.at("/tags/team").asString()).isEqualTo("vision");
    assertThat(kilnGet("/jobs/" + out.get("child_run_id").asString()).get("parent").asString())
        .isEqualTo(runId);
    assertThat(kilnGet("/jobs/" + runId + "/params").toString()).contains("\"alpha\":\"0.5\"");
    assertThat(kilnGet("/jobs/" + runId + "/metrics/loss").toString()).contains("0.25");
    assertThat(kilnGet("/jobs/" + runId + "/artifacts?path=reports").toString())
        .contains("reports/a.json");
  }

  @Test
  void aRunMadeThroughKilnsApiIsVisibleToTheMlflowClient() {
    var created =
        kiln.postJson(
            "/api/v1/workspaces/" + workspace + "/jobs",
            "{\"name\": \"made-by-kiln\", \"displayName\": \"Made by Kiln\","
                + " \"experimentName\": \"kiln-side\", \"tags\": {\"origin\": \"rest\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    JsonNode run = client(true, "get-run", "made-by-kiln");
    assertThat(run.get("run_id").asString()).isEqualTo("made-by-kiln");
    assertThat(run.get("run_name").asString()).isEqualTo("Made by Kiln");
    assertThat(run.get("status").asString()).isEqualTo("SCHEDULED");
    assertThat(run.get("experiment_id").asString())
        .isEqualTo(created.json().get("experimentId").asString());
    assertThat(run.at("/tags/origin").asString()).isEqualTo("rest");
  }

  @Test
  void withoutATokenTheClientIsRefused() {
    JsonNode refused = client(false, "no-token");
    assertThat(refused.get("error").asString()).isNotEmpty();
    assertThat(refused.get("message").asString()).containsIgnoringCase("unauthenticated");
  }
}
