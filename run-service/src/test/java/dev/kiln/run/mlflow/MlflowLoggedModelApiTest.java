package dev.kiln.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** MLflow 3's logged models, in the order {@code mlflow.sklearn.log_model} and loading use them. */
@RunServiceTest
class MlflowLoggedModelApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ObjectStore objects;

  TestHttp http;
  String workspace;
  String api;
  String artifacts;
  String experimentId;
  String runId;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "mlflow-model");
    api = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow";
    artifacts = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow-artifacts/artifacts/";
    experimentId =
        http.postJson(api + "/experiments/create", "{\"name\": \"models\"}")
            .json()
            .get("experiment_id")
            .asString();
    runId =
        http.postJson(
                api + "/runs/create",
                "{\"experiment_id\": \""
                    + experimentId
                    + "\", \"user_id\": \"root\", \"run_name\":"
                    + " \"train\", \"start_time\": 1795395992662, \"tags\": []}")
            .json()
            .at("/run/info/run_id")
            .asString();
  }

  private int modelRows() {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from logged_model m join known_workspace w on m.workspace_id = w.id"
                + " where w.name = ?",
            Integer.class,
            workspace);
  }

  private JsonNode createModel() {
    var created =
        http.postJson(
            api + "/logged-models",
            "{\"experiment_id\": \""
                + experimentId
                + "\", \"name\": \"model\", \"source_run_id\": \""
                + runId
                + "\", \"params\": [{\"key\": \"alpha\", \"value\": \"0.5\"}], \"tags\":"
                + " [{\"key\": \"mlflow.user\", \"value\": \"root\"}, {\"key\":"
                + " \"mlflow.source.type\", \"value\": \"LOCAL\"}]}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    return created.json().get("model");
  }

  private static Map<String, String> pairs(JsonNode list) {
    Map<String, String> map = new HashMap<>();
    if (list != null) {
      list.forEach(p -> map.put(p.get("key").asString(), p.get("value").asString()));
    }
    return map;
  }

  @Test
  void logModelCreatesUploadsFinalizesAndFindsTheModelAgain() {
    JsonNode model = createModel();
    String modelId = model.at("/info/model_id").asString();
    assertThat(modelId).matches("m-[0-9a-f]{32}");
    assertThat(model.at("/info/status").asString()).isEqualTo("LOGGED_MODEL_PENDING");
    assertThat(model.at("/info/source_run_id").asString()).isEqualTo(runId);
    assertThat(model.at("/info/experiment_id").asString()).isEqualTo(experimentId);
    String location = experimentId + "/models/" + modelId + "/artifacts";
    assertThat(model.at("/info/artifact_uri").asString())
        .isEqualTo("mlflow-artifacts:/" + location);
    assertThat(pairs(model.at("/data/params"))).containsEntry("alpha", "0.5");
    assertThat(pairs(model.at("/info/tags"))).containsEntry("mlflow.source.type", "LOCAL");

    assertThat(
            http.postJson(
                    api + "/runs/outputs",
                    "{\"run_id\": \""
                        + runId
                        + "\", \"models\": [{\"model_id\": \""
                        + modelId
                        + "\", \"step\": 0}]}")
                .status())
        .isEqualTo(200);
    assertThat(
            http.get(api + "/runs/get?run_id=" + runId)
                .json()
                .at("/run/outputs/model_outputs/0/model_id")
                .asString())
        .isEqualTo(modelId);

    for (String file : new String[] {"MLmodel", "model.skops", "conda.yaml"}) {
      var put = http.send("PUT", artifacts + location + "/" + file, "text/plain", file + "!");
      assertThat(put.status()).as(put.body()).isEqualTo(200);
    }
    var finalized =
        http.send(
            "PATCH",
            api + "/logged-models/" + modelId,
            "application/json",
            "{\"model_id\": \"" + modelId + "\", \"status\": \"LOGGED_MODEL_READY\"}");
    assertThat(finalized.status()).isEqualTo(200);
    assertThat(finalized.json().at("/model/info/status").asString())
        .isEqualTo("LOGGED_MODEL_READY");

    JsonNode listed =
        http.get(
                artifacts.substring(0, artifacts.length() - 1)
                    + "?path="
                    + location.replace("/", "%2F"))
            .json();
    assertThat(listed.get("files")).hasSize(3);
    assertThat(http.get(artifacts + location + "/MLmodel").body()).isEqualTo("MLmodel!");

    JsonNode found =
        http.postJson(
                api + "/logged-models/search",
                "{\"experiment_ids\": [\"" + experimentId + "\"], \"filter\": \"name = 'model'\"}")
            .json();
    assertThat(found.get("models")).hasSize(1);
    assertThat(found.at("/models/0/info/model_id").asString()).isEqualTo(modelId);
    var none =
        http.postJson(
            api + "/logged-models/search",
            "{\"experiment_ids\": [\"" + experimentId + "\"], \"filter\": \"name = 'notes.txt'\"}");
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().has("models")).isFalse();
    assertThat(http.get(api + "/logged-models/" + modelId).status()).isEqualTo(200);
  }

  @Test
  void linksTheRunsMetricsToTheModelWithoutLoggingThemTwice() {
    String modelId = createModel().at("/info/model_id").asString();
    http.postJson(
        api + "/runs/log-metric",
        "{\"run_id\": \""
            + runId
            + "\", \"key\": \"loss\", \"value\": 1.0, \"timestamp\": 100,"
            + " \"step\": 0}");
    var linked =
        http.postJson(
            api + "/runs/log-batch",
            "{\"run_id\": \""
                + runId
                + "\", \"metrics\": [{\"key\": \"loss\", \"value\": 1.0,"
                + " \"timestamp\": 100, \"step\": 0, \"model_id\": \""
                + modelId
                + "\"},"
                + " {\"key\": \"acc\", \"value\": 0.9, \"timestamp\": 100, \"step\": 0,"
                + " \"model_id\": \""
                + modelId
                + "\"}]}");
    assertThat(linked.status()).as(linked.body()).isEqualTo(200);
    JsonNode loss =
        http.get(api + "/metrics/get-history?run_id=" + runId + "&metric_key=loss").json();
    assertThat(loss.get("metrics")).hasSize(1);
    JsonNode acc =
        http.get(api + "/metrics/get-history?run_id=" + runId + "&metric_key=acc").json();
    assertThat(acc.get("metrics")).hasSize(1);
    JsonNode metrics = http.get(api + "/logged-models/" + modelId).json().at("/model/data/metrics");
    assertThat(metrics).hasSize(2);
    assertThat(metrics.get(1).get("run_id").asString()).isEqualTo(runId);
    assertThat(metrics.get(1).get("model_id").asString()).isEqualTo(modelId);
  }

  @Test
  void refusesBadModelsAndWritesNothing() {
    int before = modelRows();
    String[] bad = {
      "{\"experiment_id\": \"" + experimentId + "\", \"source_run_id\": \"no-such-run\"}",
      "{\"experiment_id\": \"404\"}",
      "{\"experiment_id\": \""
          + experimentId
          + "\", \"tags\": [{\"key\": \"../x\", \"value\": \"v\"}]}",
      "{\"experiment_id\": \""
          + experimentId
          + "\", \"params\": [{\"key\": \"p\", \"value\": \"a\"},"
          + " {\"key\": \"p\", \"value\": \"b\"}]}",
      "{\"experiment_id\": \"" + experimentId + "\", \"name\": \"" + "n".repeat(300) + "\"}",
      "{}"
    };
    for (String body : bad) {
      var refused = http.postJson(api + "/logged-models", body);
      assertThat(refused.status()).as(body).isBetween(400, 404);
      assertThat(refused.json().has("error_code")).isTrue();
    }
    assertThat(modelRows()).isEqualTo(before);
    String modelId = createModel().at("/info/model_id").asString();
    var badStatus =
        http.send(
            "PATCH",
            api + "/logged-models/" + modelId,
            "application/json",
            "{\"status\": \"LOGGED_MODEL_GONE\"}");
    assertThat(badStatus.status()).isEqualTo(400);
    var unknown = http.get(api + "/logged-models/m-00000000000000000000000000000000");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    var otherWorkspace = TestWorkspaces.create(dataSource, "elsewhere");
    assertThat(
            http.get(
                    "/mlflow/workspaces/"
                        + otherWorkspace
                        + "/api/2.0/mlflow/logged-models/"
                        + modelId)
                .status())
        .isEqualTo(404);
    var notAModel =
        http.send(
            "PUT", artifacts + experimentId + "/models/not-a-model/artifacts/x", "text/plain", "x");
    assertThat(notAModel.status()).isEqualTo(404);
  }

  @Test
  void aDeletedModelIsHiddenAndTakesNoFiles() {
    String modelId = createModel().at("/info/model_id").asString();
    assertThat(http.delete(api + "/logged-models/" + modelId).status()).isEqualTo(200);
    assertThat(http.get(api + "/logged-models/" + modelId).status()).isEqualTo(404);
    var put =
        http.send(
            "PUT",
            artifacts + experimentId + "/models/" + modelId + "/artifacts/MLmodel",
            "text/plain",
            "x");
    assertThat(put.status()).isEqualTo(400);
    var found =
        http.postJson(
                api + "/logged-models/search", "{\"experiment_ids\": [\"" + experimentId + "\"]}")
            .json();
    assertThat(found.has("models")).isFalse();
  }

  @Test
  void aModelsFilesGoWithItsRun() {
    String modelId = createModel().at("/info/model_id").asString();
    String location = experimentId + "/models/" + modelId + "/artifacts";
    http.send("PUT", artifacts + location + "/MLmodel", "text/plain", "m");
    String runUuid =
        new JdbcTemplate(dataSource)
            .queryForObject(
                "select source_run_id::text from logged_model where id = ?", String.class, modelId);
    assertThat(objects.list("runs/" + runUuid + "/models/" + modelId + "/")).hasSize(1);
    assertThat(http.delete("/api/v1/workspaces/" + workspace + "/jobs/" + runId).status())
        .isEqualTo(204);
    assertThat(http.get(api + "/logged-models/" + modelId).status()).isEqualTo(404);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(objects.list("runs/" + runUuid + "/")).isEmpty());
  }
}
