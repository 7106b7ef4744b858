package dev.kiln.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Role;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** MLflow's experiment endpoints, with bodies as the MLflow 3 client sends them. */
@RunServiceTest
class MlflowExperimentApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  String workspace;
  String api;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "mlflow-exp");
    api = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow";
  }

  private int experimentCount() {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from experiment e join known_workspace w on e.workspace_id = w.id"
                + " where w.name = ?",
            Integer.class,
            workspace);
  }

  private String create(String name) {
    var created = http.postJson(api + "/experiments/create", "{\"name\": \"" + name + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    return created.json().get("experiment_id").asString();
  }

  @Test
  void setExperimentFindsNothingThenCreatesAndReadsTheExperiment() {
    var missing = http.get(api + "/experiments/get-by-name?experiment_name=mlflow-e2e");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/json");
    assertThat(missing.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(missing.json().get("message").asString()).contains("mlflow-e2e");

    String id = create("mlflow-e2e");
    JsonNode experiment = http.get(api + "/experiments/get?experiment_id=" + id).json();
    JsonNode e = experiment.get("experiment");
    assertThat(e.get("experiment_id").asString()).isEqualTo(id);
    assertThat(e.get("name").asString()).isEqualTo("mlflow-e2e");
    assertThat(e.get("artifact_location").asString()).isEqualTo("mlflow-artifacts:/" + id);
    assertThat(e.get("lifecycle_stage").asString()).isEqualTo("active");
    assertThat(e.get("creation_time").asLong()).isPositive();
    assertThat(e.get("last_update_time").asLong()).isPositive();
    var byName = http.get(api + "/experiments/get-by-name?experiment_name=mlflow-e2e").json();
    assertThat(byName.get("experiment").get("experiment_id").asString()).isEqualTo(id);
  }

  @Test
  void defaultExperimentIsZeroAndAlwaysThere() {
    var byId = http.get(api + "/experiments/get?experiment_id=0");
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.json().get("experiment").get("name").asString()).isEqualTo("Default");
    var byName = http.get(api + "/experiments/get-by-name?experiment_name=Default").json();
    assertThat(byName.get("experiment").get("experiment_id").asString()).isEqualTo("0");
    assertThat(byName.get("experiment").get("artifact_location").asString())
        .isEqualTo("mlflow-artifacts:/0");
  }

  @Test
  void refusesADuplicateNameAnArtifactLocationAndBadTagsAndWritesNothing() {
    create("twice");
    int before = experimentCount();
    var duplicate = http.postJson(api + "/experiments/create", "{\"name\": \"twice\"}");
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.json().get("error_code").asString()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    var located =
        http.postJson(
            api + "/experiments/create",
            "{\"name\": \"elsewhere\", \"artifact_location\": \"s3://bucket/x\"}");
    assertThat(located.status()).isEqualTo(400);
    assertThat(located.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    var badTag =
        http.postJson(
            api + "/experiments/create",
            "{\"name\": \"tagged\", \"tags\": [{\"key\": \"../up\", \"value\": \"v\"}]}");
    assertThat(badTag.status()).isEqualTo(400);
    assertThat(badTag.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    var noName = http.postJson(api + "/experiments/create", "{}");
    assertThat(noName.status()).isEqualTo(400);
    var slash = http.postJson(api + "/experiments/create", "{\"name\": \"a/b\"}");
    assertThat(slash.status()).isEqualTo(400);
    var notJson = http.postJson(api + "/experiments/create", "{\"name\": ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(experimentCount()).isEqualTo(before);
  }

  @Test
  void unknownOrMalformedExperimentIdsAreNotFound() {
    for (String id : new String[] {"42", "not-a-uuid", "00000000-0000-0000-0000-000000000000"}) {
      var missing = http.get(api + "/experiments/get?experiment_id=" + id);
      assertThat(missing.status()).as(id).isEqualTo(404);
      assertThat(missing.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }
    var noId = http.get(api + "/experiments/get");
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void renamesTagsDeletesAndRestores() {
    String id = create("before");
    assertThat(
            http.postJson(
                    api + "/experiments/update",
                    "{\"experiment_id\": \"" + id + "\", \"new_name\": \"after\"}")
                .status())
        .isEqualTo(200);
    http.postJson(
        api + "/experiments/set-experiment-tag",
        "{\"experiment_id\": \"" + id + "\", \"key\": \"team\", \"value\": \"vision\"}");
    JsonNode e = http.get(api + "/experiments/get?experiment_id=" + id).json().get("experiment");
    assertThat(e.get("name").asString()).isEqualTo("after");
    assertThat(e.get("tags").get(0).get("key").asString()).isEqualTo("team");
    assertThat(e.get("tags").get(0).get("value").asString()).isEqualTo("vision");

    var noTag =
        http.postJson(
            api + "/experiments/delete-experiment-tag",
            "{\"experiment_id\": \"" + id + "\", \"key\": \"absent\"}");
    assertThat(noTag.status()).isEqualTo(404);
    http.postJson(
        api + "/experiments/delete-experiment-tag",
        "{\"experiment_id\": \"" + id + "\", \"key\": \"team\"}");
    assertThat(
            http.get(api + "/experiments/get?experiment_id=" + id)
                .json()
                .get("experiment")
                .get("tags"))
        .isEmpty();

    http.postJson(api + "/experiments/delete", "{\"experiment_id\": \"" + id + "\"}");
    assertThat(
            http.get(api + "/experiments/get?experiment_id=" + id)
                .json()
                .at("/experiment/lifecycle_stage")
                .asString())
        .isEqualTo("deleted");
    var runInDeleted =
        http.postJson(
            api + "/runs/create",
            "{\"experiment_id\": \"" + id + "\", \"start_time\": 1700000000000, \"tags\": []}");
    assertThat(runInDeleted.status()).isEqualTo(400);
    http.postJson(api + "/experiments/restore", "{\"experiment_id\": \"" + id + "\"}");
    assertThat(
            http.get(api + "/experiments/get?experiment_id=" + id)
                .json()
                .at("/experiment/lifecycle_stage")
                .asString())
        .isEqualTo("active");
    var deleteDefault = http.postJson(api + "/experiments/delete", "{\"experiment_id\": \"0\"}");
    assertThat(deleteDefault.status()).isEqualTo(400);
  }

  @Test
  void searchesExperimentsByNameAndTagWithPages() {
    for (String name : new String[] {"cnn-a", "cnn-b", "rnn-c"}) {
      create(name);
    }
    String tagged = create("cnn-tagged");
    http.postJson(
        api + "/experiments/set-experiment-tag",
        "{\"experiment_id\": \"" + tagged + "\", \"key\": \"team\", \"value\": \"vision\"}");
    var cnn =
        http.postJson(
                api + "/experiments/search",
                "{\"max_results\": 2, \"filter\": \"name LIKE 'cnn%'\", \"order_by\": [\"name ASC\"],"
                    + " \"view_type\": \"ACTIVE_ONLY\"}")
            .json();
    assertThat(cnn.get("experiments")).hasSize(2);
    assertThat(cnn.get("experiments").get(0).get("name").asString()).isEqualTo("cnn-a");
    String token = cnn.get("next_page_token").asString();
    var rest =
        http.postJson(
                api + "/experiments/search",
                "{\"max_results\": 2, \"filter\": \"name LIKE 'cnn%'\", \"order_by\": [\"name ASC\"],"
                    + " \"page_token\": \""
                    + token
                    + "\"}")
            .json();
    assertThat(rest.get("experiments")).hasSize(1);
    assertThat(rest.has("next_page_token")).isFalse();
    var byTag =
        http.postJson(api + "/experiments/search", "{\"filter\": \"tags.team = 'vision'\"}").json();
    assertThat(byTag.get("experiments")).hasSize(1);
    var all = http.postJson(api + "/experiments/search", "{}").json();
    assertThat(all.get("experiments")).hasSize(5);
    var quoted =
        http.postJson(
                api + "/experiments/search",
                "{\"filter\": \"tags.`team` = 'vision' and name LIKE 'cnn%'\"}")
            .json();
    assertThat(quoted.get("experiments")).hasSize(byTag.get("experiments").size());
    for (String filter :
        new String[] {
          "color = 'red'",
          "name = 'a' OR name = 'b'",
          "name ~ 'x'",
          "tags.team = 'unclosed",
          "tags. = 'x'",
          "name = 1abc",
          "name = 'a' and"
        }) {
      var bad =
          http.postJson(
              api + "/experiments/search",
              "{\"filter\": \"" + filter.replace("\"", "\\\"") + "\"}");
      assertThat(bad.status()).as(filter).isEqualTo(400);
      assertThat(bad.json().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    }
  }

  @Test
  void readersSearchButDoNotCreateAndStrangersSeeNothing() {
    create("visible");
    var reader =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("r1", workspace, Role.READER));
    assertThat(reader.postJson(api + "/experiments/search", "{}").status()).isEqualTo(200);
    var refused = reader.postJson(api + "/experiments/create", "{\"name\": \"mine\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("error_code").asString()).isEqualTo("PERMISSION_DENIED");
    String other = TestWorkspaces.create(dataSource, "other");
    var stranger =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("s1", other, Role.OWNER));
    var hidden = stranger.get(api + "/experiments/get-by-name?experiment_name=visible");
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    var unauthenticated = TestHttp.onPort(port).get(api + "/experiments/get?experiment_id=0");
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(unauthenticated.json().get("error_code").asString()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void answersUnknownMlflowEndpointsInMlflowsShape() {
    var traces = http.get(api + "/traces?experiment_ids=0");
    assertThat(traces.status()).isEqualTo(404);
    assertThat(traces.json().get("error_code").asString()).isEqualTo("ENDPOINT_NOT_FOUND");
    var info = http.get("/mlflow/workspaces/" + workspace + "/api/3.0/mlflow/server-info").json();
    assertThat(info.get("multipart_downloads_enabled").asBoolean()).isFalse();
  }
}
