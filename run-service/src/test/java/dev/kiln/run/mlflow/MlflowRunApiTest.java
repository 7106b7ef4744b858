package dev.kiln.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Role;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** MLflow's run endpoints, with bodies exactly as the MLflow 3 client sends them. */
@RunServiceTest
class MlflowRunApiTest {

  static final long START = 1_795_395_992_662L;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  String workspace;
  String api;
  JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "mlflow-run");
    api = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow";
    jdbc = new JdbcTemplate(dataSource);
  }

  /** Creates a run as {@code mlflow.start_run(run_name=...)} does; answers its run_id. */
  private String startRun(String experimentId, String runName, String extraTags) {
    String name = runName == null ? "" : "\"run_name\": \"" + runName + "\", ";
    String nameTag =
        runName == null ? "" : ", {\"key\": \"mlflow.runName\", \"value\": \"" + runName + "\"}";
    var created =
        http.postJson(
            api + "/runs/create",
            "{\"experiment_id\": \""
                + experimentId
                + "\", \"user_id\": \"root\", "
                + name
                + "\"start_time\": "
                + START
                + ", \"tags\": [{\"key\": \"mlflow.user\", \"value\": \"root\"},"
                + " {\"key\": \"mlflow.source.name\", \"value\": \"train.py\"},"
                + " {\"key\": \"mlflow.source.type\", \"value\": \"LOCAL\"}"
                + extraTags
                + nameTag
                + "]}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    return created.json().at("/run/info/run_id").asString();
  }

  private JsonNode getRun(String runId) {
    var run = http.get(api + "/runs/get?run_uuid=" + runId + "&run_id=" + runId);
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    return run.json().get("run");
  }

  private static Map<String, String> pairs(JsonNode list) {
    Map<String, String> map = new HashMap<>();
    if (list != null) {
      list.forEach(p -> map.put(p.get("key").asString(), p.get("value").asString()));
    }
    return map;
  }

  private int rows(String table, String runId) {
    return jdbc.queryForObject(
        "select count(*) from "
            + table
            + " t join run r on t.run_id = r.id join known_workspace w on r.workspace_id = w.id"
            + " where w.name = ? and r.name = ?",
        Integer.class,
        workspace,
        runId);
  }

  private void post(String path, String body) {
    var response = http.postJson(api + path, body);
    assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
  }

  @Test
  void startRunCreatesARunningKilnRunInTheDefaultExperiment() {
    String runId = startRun("0", null, "");
    JsonNode info = getRun(runId).get("info");
    assertThat(info.get("run_uuid").asString()).isEqualTo(runId);
    assertThat(info.get("experiment_id").asString()).isEqualTo("0");
    assertThat(info.get("status").asString()).isEqualTo("RUNNING");
    assertThat(info.get("start_time").asLong()).isEqualTo(START);
    assertThat(info.has("end_time")).isFalse();
    assertThat(info.get("user_id").asString()).isEqualTo("admin");
    assertThat(info.get("run_name").asString()).isEqualTo(runId);
    assertThat(info.get("lifecycle_stage").asString()).isEqualTo("active");
    assertThat(info.get("artifact_uri").asString())
        .isEqualTo("mlflow-artifacts:/0/" + runId + "/artifacts");
    assertThat(pairs(getRun(runId).at("/data/tags")))
        .containsEntry("mlflow.source.name", "train.py")
        .containsEntry("mlflow.runName", runId);

    JsonNode job = http.get("/api/v1/workspaces/" + workspace + "/jobs/" + runId).json();
    assertThat(job.get("status").asString()).isEqualTo("Running");
    assertThat(job.get("experimentName").asString()).isEqualTo("Default");
    assertThat(job.get("submittedBy").asString()).isEqualTo("admin");
  }

  @Test
  void logsParamsMetricsAndTagsAndReadsThemBack() {
    String runId = startRun("0", "train", "");
    post(
        "/runs/log-parameter",
        "{\"run_uuid\": \""
            + runId
            + "\", \"key\": \"alpha\", \"value\": \"0.5\", \"run_id\": \""
            + runId
            + "\"}");
    post(
        "/runs/log-batch",
        "{\"run_id\": \""
            + runId
            + "\", \"params\": [{\"key\": \"solver\", \"value\": \"lbfgs\"},"
            + " {\"key\": \"max_iter\", \"value\": \"200\"}]}");
    for (int step = 0; step < 5; step++) {
      post(
          "/runs/log-metric",
          "{\"run_uuid\": \""
              + runId
              + "\", \"key\": \"loss\", \"value\": "
              + (1.0 / (step + 1))
              + ", \"timestamp\": "
              + (START + step)
              + ", \"step\": "
              + step
              + ", \"run_id\": \""
              + runId
              + "\"}");
    }
    post(
        "/runs/log-batch",
        "{\"run_id\": \""
            + runId
            + "\", \"metrics\": [{\"key\": \"accuracy\", \"value\": 0.9,"
            + " \"timestamp\": "
            + START
            + ", \"step\": 4, \"run_id\": \""
            + runId
            + "\"},"
            + " {\"key\": \"f1\", \"value\": 0.8, \"timestamp\": "
            + START
            + ", \"step\": 4,"
            + " \"run_id\": \""
            + runId
            + "\"}]}");
    post(
        "/runs/set-tag",
        "{\"run_uuid\": \""
            + runId
            + "\", \"key\": \"team\", \"value\": \"vision\", \"run_id\": \""
            + runId
            + "\"}");
    post(
        "/runs/log-batch",
        "{\"run_id\": \""
            + runId
            + "\", \"tags\": [{\"key\": \"stage\", \"value\": \"dev\"},"
            + " {\"key\": \"scratch\", \"value\": \"x\"}]}");
    post("/runs/delete-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"scratch\"}");

    JsonNode data = getRun(runId).get("data");
    assertThat(pairs(data.get("params")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("alpha", "0.5", "solver", "lbfgs", "max_iter", "200"));
    assertThat(pairs(data.get("tags")))
        .containsEntry("team", "vision")
        .containsEntry("stage", "dev")
        .containsEntry("mlflow.runName", "train")
        .doesNotContainKey("scratch");
    Map<String, Double> latest = new HashMap<>();
    data.get("metrics")
        .forEach(m -> latest.put(m.get("key").asString(), m.get("value").asDouble()));
    assertThat(latest).containsEntry("loss", 0.2).containsEntry("accuracy", 0.9);

    JsonNode history =
        http.get(
                api
                    + "/metrics/get-history?run_uuid="
                    + runId
                    + "&metric_key=loss&run_id="
                    + runId
                    + "&max_results=25000")
            .json();
    assertThat(history.get("metrics")).hasSize(5);
    assertThat(history.get("metrics").get(0).get("step").asLong()).isZero();
    assertThat(history.get("metrics").get(4).get("value").asDouble()).isEqualTo(0.2);
    assertThat(history.get("metrics").get(4).get("timestamp").asLong()).isEqualTo(START + 4);
    assertThat(history.has("next_page_token")).isFalse();

    List<Long> steps = new ArrayList<>();
    String token = "";
    do {
      JsonNode page =
          http.get(
                  api
                      + "/metrics/get-history?run_id="
                      + runId
                      + "&metric_key=loss&max_results=2"
                      + (token.isEmpty() ? "" : "&page_token=" + token))
              .json();
      page.get("metrics").forEach(m -> steps.add(m.get("step").asLong()));
      token = page.has("next_page_token") ? page.get("next_page_token").asString() : "";
    } while (!token.isEmpty());
    assertThat(steps).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void endRunFinishesTheRunAtTheClientsTime() {
    String runId = startRun("0", "finish-me", "");
    var updated =
        http.postJson(
            api + "/runs/update",
            "{\"run_uuid\": \""
                + runId
                + "\", \"status\": \"FINISHED\", \"end_time\": "
                + (START + 1000)
                + ", \"run_id\": \""
                + runId
                + "\"}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().at("/run_info/status").asString()).isEqualTo("FINISHED");
    assertThat(updated.json().at("/run_info/end_time").asLong()).isEqualTo(START + 1000);
    JsonNode job = http.get("/api/v1/workspaces/" + workspace + "/jobs/" + runId).json();
    assertThat(job.get("status").asString()).isEqualTo("Completed");
    assertThat(job.get("endTime").asString()).isEqualTo("2026-11-23T01:06:33.662Z");

    var again =
        http.postJson(
            api + "/runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\"}");
    assertThat(again.status()).isEqualTo(200);
    var reopened =
        http.postJson(
            api + "/runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"RUNNING\"}");
    assertThat(reopened.status()).isEqualTo(409);
    assertThat(reopened.json().get("error_code").asString()).isEqualTo("RESOURCE_CONFLICT");
    var unknown =
        http.postJson(
            api + "/runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"SLEEPING\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(getRun(runId).at("/info/status").asString()).isEqualTo("FINISHED");
  }

  @Test
  void killedAndFailedMapToKilnsStatuses() {
    String killed = startRun("0", null, "");
    post("/runs/update", "{\"run_id\": \"" + killed + "\", \"status\": \"KILLED\"}");
    String failed = startRun("0", null, "");
    post("/runs/update", "{\"run_id\": \"" + failed + "\", \"status\": \"FAILED\"}");
    String jobs = "/api/v1/workspaces/" + workspace + "/jobs/";
    assertThat(http.get(jobs + killed).json().get("status").asString()).isEqualTo("Canceled");
    assertThat(http.get(jobs + failed).json().get("status").asString()).isEqualTo("Failed");
    assertThat(getRun(killed).at("/info/status").asString()).isEqualTo("KILLED");
  }

  @Test
  void nestedRunsBecomeKilnChildRuns() {
    String parent = startRun("0", "parent", "");
    String child =
        startRun(
            "0", "child", ", {\"key\": \"mlflow.parentRunId\", \"value\": \"" + parent + "\"}");
    JsonNode job = http.get("/api/v1/workspaces/" + workspace + "/jobs/" + child).json();
    assertThat(job.get("parent").asString()).isEqualTo(parent);
    assertThat(pairs(getRun(child).at("/data/tags"))).containsEntry("mlflow.parentRunId", parent);
    var orphan =
        http.postJson(
            api + "/runs/create",
            "{\"experiment_id\": \"0\", \"start_time\": "
                + START
                + ", \"tags\": [{\"key\":"
                + " \"mlflow.parentRunId\", \"value\": \"no-such-run\"}]}");
    assertThat(orphan.status()).isEqualTo(404);
    assertThat(orphan.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void aRunMadeThroughKilnsApiIsAnMlflowRun() {
    var created =
        http.postJson(
            "/api/v1/workspaces/" + workspace + "/jobs",
            "{\"name\": \"from-kiln\", \"displayName\": \"Kiln run\", \"experimentName\": \"kiln-exp\","
                + " \"tags\": {\"team\": \"nlp\"}}");
    assertThat(created.status()).isEqualTo(201);
    String experimentId = created.json().get("experimentId").asString();
    JsonNode run = getRun("from-kiln");
    assertThat(run.at("/info/status").asString()).isEqualTo("SCHEDULED");
    assertThat(run.at("/info/run_name").asString()).isEqualTo("Kiln run");
    assertThat(run.at("/info/experiment_id").asString()).isEqualTo(experimentId);
    assertThat(pairs(run.at("/data/tags")))
        .containsEntry("team", "nlp")
        .containsEntry("mlflow.runName", "Kiln run");
    post("/runs/update", "{\"run_id\": \"from-kiln\", \"status\": \"FINISHED\"}");
    assertThat(getRun("from-kiln").at("/info/status").asString()).isEqualTo("FINISHED");
  }

  @Test
  void paramsAreWrittenOnceAndARefusedBatchWritesNothing() {
    String runId = startRun("0", null, "");
    post(
        "/runs/log-parameter",
        "{\"run_id\": \"" + runId + "\", \"key\": \"alpha\", \"value\": \"0.5\"}");
    post(
        "/runs/log-parameter",
        "{\"run_id\": \"" + runId + "\", \"key\": \"alpha\", \"value\": \"0.5\"}");
    int params = rows("run_param", runId);
    int tags = rows("run_tag", runId);
    int chunks = rows("metric_chunk", runId);
    var changed =
        http.postJson(
            api + "/runs/log-batch",
            "{\"run_id\": \""
                + runId
                + "\", \"params\": [{\"key\": \"beta\", \"value\": \"1\"},"
                + " {\"key\": \"alpha\", \"value\": \"0.7\"}], \"tags\": [{\"key\": \"t\","
                + " \"value\": \"v\"}], \"metrics\": [{\"key\": \"m\", \"value\": 1.0,"
                + " \"timestamp\": "
                + START
                + ", \"step\": 0}]}");
    assertThat(changed.status()).isEqualTo(400);
    assertThat(changed.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(changed.json().get("message").asString()).contains("alpha");
    assertThat(rows("run_param", runId)).isEqualTo(params);
    assertThat(rows("run_tag", runId)).isEqualTo(tags);
    assertThat(rows("metric_chunk", runId)).isEqualTo(chunks);
    assertThat(pairs(getRun(runId).at("/data/params"))).containsExactly(Map.entry("alpha", "0.5"));
  }

  @Test
  void refusesMalformedLoggingAndWritesNothing() {
    String runId = startRun("0", null, "");
    int params = rows("run_param", runId);
    int tags = rows("run_tag", runId);
    int chunks = rows("metric_chunk", runId);
    String[] bad = {
      "{\"run_id\": \""
          + runId
          + "\", \"metrics\": [{\"key\": \"../x\", \"value\": 1,"
          + " \"timestamp\": 1, \"step\": 0}]}",
      "{\"run_id\": \"" + runId + "\", \"metrics\": [{\"key\": \"m\", \"timestamp\": 1}]}",
      "{\"run_id\": \"" + runId + "\", \"metrics\": [{\"key\": \"m\", \"value\": 1}]}",
      "{\"run_id\": \""
          + runId
          + "\", \"metrics\": [{\"key\": \"m\", \"value\": \"many\","
          + " \"timestamp\": 1}]}",
      "{\"run_id\": \""
          + runId
          + "\", \"params\": [{\"key\": \"p\", \"value\": \"a\"},"
          + " {\"key\": \"p\", \"value\": \"b\"}]}",
      "{\"run_id\": \"" + runId + "\", \"tags\": [{\"key\": \"/abs\", \"value\": \"v\"}]}",
      "{\"run_id\": \""
          + runId
          + "\", \"tags\": [{\"key\": \"t\", \"value\": \""
          + "x".repeat(8001)
          + "\"}]}",
      "{\"run_id\": \""
          + runId
          + "\", \"params\": [{\"key\": \"p\", \"value\": \""
          + "x".repeat(6001)
          + "\"}]}",
      "{\"run_id\": \"" + runId + "\", \"params\": [" + manyParams(101) + "]}",
      "{\"run_id\": \""
          + runId
          + "\", \"metrics\": [{\"key\": \"m\", \"value\": 1,"
          + " \"timestamp\": 1}], \"params\": [null]}",
      "{\"metrics\": [{\"key\": \"m\", \"value\": 1, \"timestamp\": 1}]}",
    };
    for (String body : bad) {
      var refused = http.postJson(api + "/runs/log-batch", body);
      assertThat(refused.status()).as(body).isEqualTo(400);
      assertThat(refused.json().get("error_code").asString())
          .as(body)
          .isEqualTo("INVALID_PARAMETER_VALUE");
    }
    var unknownRun =
        http.postJson(
            api + "/runs/log-metric",
            "{\"run_id\": \"no-such-run\", \"key\": \"m\", \"value\": 1, \"timestamp\": 1}");
    assertThat(unknownRun.status()).isEqualTo(404);
    assertThat(unknownRun.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    var missingTag =
        http.postJson(api + "/runs/delete-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"no\"}");
    assertThat(missingTag.status()).isEqualTo(404);
    assertThat(rows("run_param", runId)).isEqualTo(params);
    assertThat(rows("run_tag", runId)).isEqualTo(tags);
    assertThat(rows("metric_chunk", runId)).isEqualTo(chunks);
  }

  @Test
  void answersRequestsItCannotReadInMlflowsShapeAndWritesNothing() {
    String runId = startRun("0", null, "");
    int tags = rows("run_tag", runId);
    var notANumber =
        http.get(api + "/metrics/get-history?run_id=" + runId + "&metric_key=m&max_results=lots");
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    var tooMany =
        http.get(api + "/metrics/get-history?run_id=" + runId + "&metric_key=m&max_results=25001");
    assertThat(tooMany.status()).isEqualTo(400);
    var wrongType =
        http.postJson(
            api + "/runs/create", "{\"experiment_id\": \"0\", \"start_time\": \"yesterday\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    var plainText = http.send("POST", api + "/runs/create", "text/plain", "experiment_id=0");
    assertThat(plainText.status()).isEqualTo(415);
    assertThat(plainText.json().has("error_code")).isTrue();
    var huge =
        http.postJson(
            api + "/runs/log-batch",
            "{\"run_id\": \""
                + runId
                + "\", \"tags\": [{\"key\": \"t\", \"value\": \""
                + "x".repeat(1_100_000)
                + "\"}]}");
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    var wrongMethod = http.postJson(api + "/runs/get", "{\"run_id\": \"" + runId + "\"}");
    assertThat(wrongMethod.status()).isEqualTo(404);
    assertThat(wrongMethod.json().get("error_code").asString()).isEqualTo("ENDPOINT_NOT_FOUND");
    assertThat(rows("run_tag", runId)).isEqualTo(tags);
  }

  private static String manyParams(int count) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < count; i++) {
      list.append(i == 0 ? "" : ", ")
          .append("{\"key\": \"p")
          .append(i)
          .append("\", \"value\": \"v\"}");
    }
    return list.toString();
  }

  @Test
  void aTagSetBackToAnEarlierValueTakesIt() {
    String runId = startRun("0", null, "");
    for (String value : new String[] {"a", "b", "a"}) {
      post(
          "/runs/log-batch",
          "{\"run_id\": \""
              + runId
              + "\", \"tags\": [{\"key\": \"stage\", \"value\": \""
              + value
              + "\"}]}");
    }
    assertThat(pairs(getRun(runId).at("/data/tags"))).containsEntry("stage", "a");
  }

  @Test
  void renamesARunByUpdateOrByItsRunNameTag() {
    String runId = startRun("0", "first", "");
    post("/runs/update", "{\"run_id\": \"" + runId + "\", \"run_name\": \"second\"}");
    assertThat(getRun(runId).at("/info/run_name").asString()).isEqualTo("second");
    post(
        "/runs/set-tag",
        "{\"run_id\": \"" + runId + "\", \"key\": \"mlflow.runName\", \"value\": \"third\"}");
    JsonNode run = getRun(runId);
    assertThat(run.at("/info/run_name").asString()).isEqualTo("third");
    assertThat(pairs(run.at("/data/tags"))).containsEntry("mlflow.runName", "third");
    var clash =
        http.postJson(
            api + "/runs/create",
            "{\"experiment_id\": \"0\", \"run_name\": \"a\", \"start_time\": 1, \"tags\":"
                + " [{\"key\": \"mlflow.runName\", \"value\": \"b\"}]}");
    assertThat(clash.status()).isEqualTo(400);
  }

  @Test
  void deletesAndRestoresARunSoftly() {
    String runId = startRun("0", null, "");
    post("/runs/delete", "{\"run_id\": \"" + runId + "\"}");
    assertThat(getRun(runId).at("/info/lifecycle_stage").asString()).isEqualTo("deleted");
    var refused =
        http.postJson(
            api + "/runs/log-metric",
            "{\"run_id\": \"" + runId + "\", \"key\": \"m\", \"value\": 1, \"timestamp\": 1}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(rows("metric_chunk", runId)).isZero();
    var deleted =
        http.postJson(
                api + "/runs/search",
                "{\"experiment_ids\": [\"0\"], \"run_view_type\": \"DELETED_ONLY\"}")
            .json();
    assertThat(deleted.get("runs")).hasSize(1);
    post("/runs/restore", "{\"run_id\": \"" + runId + "\"}");
    assertThat(getRun(runId).at("/info/lifecycle_stage").asString()).isEqualTo("active");
  }

  @Test
  void searchRunsFiltersOrdersAndPagesAsMlflow() {
    String experiment =
        http.postJson(api + "/experiments/create", "{\"name\": \"search-me\"}")
            .json()
            .get("experiment_id")
            .asString();
    List<String> ids = new ArrayList<>();
    double[] losses = {0.9, 0.3, 1.5, 0.5};
    for (int i = 0; i < losses.length; i++) {
      String runId = startRun(experiment, "r" + i, "");
      ids.add(runId);
      post(
          "/runs/log-batch",
          "{\"run_id\": \""
              + runId
              + "\", \"params\": [{\"key\": \"alpha\", \"value\": \""
              + (i % 2 == 0 ? "0.5" : "0.1")
              + "\"}], \"metrics\": [{\"key\": \"loss\", \"value\": "
              + losses[i]
              + ", \"timestamp\": "
              + START
              + ", \"step\": 0}]}");
    }
    startRun("0", "elsewhere", "");
    JsonNode found =
        http.postJson(
                api + "/runs/search",
                "{\"experiment_ids\": [\""
                    + experiment
                    + "\"], \"run_view_type\": \"ACTIVE_ONLY\","
                    + " \"filter\": \"params.alpha = '0.5' and metrics.loss < 1\", \"max_results\":"
                    + " 10000, \"order_by\": [\"metrics.loss ASC\"]}")
            .json();
    assertThat(found.get("runs")).hasSize(1);
    assertThat(found.at("/runs/0/info/run_id").asString()).isEqualTo(ids.get(0));
    assertThat(pairs(found.at("/runs/0/data/params"))).containsEntry("alpha", "0.5");

    List<String> ordered = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          http.postJson(
                  api + "/runs/search",
                  "{\"experiment_ids\": [\""
                      + experiment
                      + "\"], \"max_results\": 3,"
                      + " \"order_by\": [\"metrics.loss DESC\"]"
                      + (token == null ? "" : ", \"page_token\": \"" + token + "\"")
                      + "}")
              .json();
      page.get("runs").forEach(r -> ordered.add(r.at("/info/run_id").asString()));
      token = page.has("next_page_token") ? page.get("next_page_token").asString() : null;
    } while (token != null);
    assertThat(ordered).containsExactly(ids.get(2), ids.get(0), ids.get(3), ids.get(1));

    assertThat(
            http.postJson(api + "/runs/search", "{\"experiment_ids\": [\"404\"]}")
                .json()
                .has("runs"))
        .isFalse();
    var badFilter =
        http.postJson(
            api + "/runs/search",
            "{\"experiment_ids\": [\"" + experiment + "\"], \"filter\": \"metrics.loss <<< 1\"}");
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void recordsDatasetInputsAndTheLogModelHistory() {
    String runId = startRun("0", null, "");
    post(
        "/runs/log-inputs",
        "{\"run_id\": \""
            + runId
            + "\", \"datasets\": [{\"tags\": [{\"key\":"
            + " \"mlflow.data.context\", \"value\": \"training\"}], \"dataset\": {\"name\":"
            + " \"iris\", \"digest\": \"abc123\", \"source_type\": \"local\", \"source\":"
            + " \"{\\\"uri\\\": \\\"/data/iris.csv\\\"}\", \"schema\": \"{}\"}}]}");
    post(
        "/runs/log-model",
        "{\"run_id\": \""
            + runId
            + "\", \"model_json\": \"{\\\"artifact_path\\\": \\\"model\\\"}\"}");
    JsonNode run = getRun(runId);
    JsonNode dataset = run.at("/inputs/dataset_inputs/0");
    assertThat(dataset.at("/dataset/name").asString()).isEqualTo("iris");
    assertThat(dataset.at("/dataset/digest").asString()).isEqualTo("abc123");
    assertThat(pairs(dataset.get("tags"))).containsEntry("mlflow.data.context", "training");
    assertThat(pairs(run.at("/data/tags")).get("mlflow.log-model.history"))
        .isEqualTo("[{\"artifact_path\": \"model\"}]");
    var noDataset =
        http.postJson(
            api + "/runs/log-inputs",
            "{\"run_id\": \"" + runId + "\", \"datasets\": [{\"dataset\": {\"name\": \"x\"}}]}");
    assertThat(noDataset.status()).isEqualTo(400);
    assertThat(rows("run_dataset_input", runId)).isEqualTo(1);
  }

  @Test
  void readersSearchAndReadRunsButCannotLog() {
    String runId = startRun("0", null, "");
    var reader =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("r2", workspace, Role.READER));
    assertThat(reader.get(api + "/runs/get?run_id=" + runId).status()).isEqualTo(200);
    assertThat(reader.postJson(api + "/runs/search", "{\"experiment_ids\": [\"0\"]}").status())
        .isEqualTo(200);
    var refused =
        reader.postJson(
            api + "/runs/log-metric",
            "{\"run_id\": \"" + runId + "\", \"key\": \"m\", \"value\": 1, \"timestamp\": 1}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("error_code").asString()).isEqualTo("PERMISSION_DENIED");
    assertThat(rows("metric_chunk", runId)).isZero();
  }
}
