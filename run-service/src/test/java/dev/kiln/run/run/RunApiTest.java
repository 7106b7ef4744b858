package dev.kiln.run.run;

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

@RunServiceTest
class RunApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  String workspace;
  String jobs;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "runs");
    jobs = "/api/v1/workspaces/" + workspace + "/jobs";
  }

  private int runCount() {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from run r join known_workspace w on r.workspace_id = w.id"
                + " where w.name = ?",
            Integer.class,
            workspace);
  }

  @Test
  void createsARunInTheDefaultExperimentWithAGeneratedName() {
    var created = http.postJson(jobs, "{\"tags\":{\"team\":\"cv\"},\"displayName\":\"first\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("name").asString()).matches("[a-z]+_[a-z]+_[a-z0-9]{10}");
    assertThat(created.json().get("experimentName").asString()).isEqualTo("Default");
    assertThat(created.json().get("experimentId").asString()).isEqualTo("0");
    assertThat(created.json().get("status").asString()).isEqualTo("NotStarted");
    assertThat(created.json().get("tags").get("team").asString()).isEqualTo("cv");
    assertThat(created.json().get("displayName").asString()).isEqualTo("first");
    assertThat(created.json().get("submittedBy").asString()).isEqualTo("admin");
  }

  @Test
  void walksTheStatusMachineAndKeepsATerminalRunTerminal() {
    http.postJson(jobs, "{\"name\":\"walk\",\"experimentName\":\"exp-a\"}");
    for (String status : new String[] {"Queued", "Preparing", "Running", "Finalizing"}) {
      var moved = http.postJson(jobs + "/walk/status", "{\"status\":\"" + status + "\"}");
      assertThat(moved.status()).as(status).isEqualTo(200);
    }
    var running = http.get(jobs + "/walk").json();
    assertThat(running.get("startTime").isNull()).isFalse();
    var failed =
        http.postJson(
            jobs + "/walk/status",
            "{\"status\":\"Failed\",\"error\":{\"code\":\"exit_1\",\"message\":\"boom\"}}");
    assertThat(failed.json().get("error").get("message").asString()).isEqualTo("boom");
    assertThat(failed.json().get("endTime").isNull()).isFalse();
    var again = http.postJson(jobs + "/walk/status", "{\"status\":\"Running\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asString()).isEqualTo("illegal_transition");
    assertThat(http.postJson(jobs + "/walk/status", "{\"status\":\"Failed\"}").status())
        .isEqualTo(200);
    assertThat(http.postJson(jobs + "/walk/cancel", "").json().get("status").asString())
        .isEqualTo("Failed");
  }

  @Test
  void refusesIllegalMovesAndUnknownStatuses() {
    http.postJson(jobs, "{\"name\":\"queued\"}");
    http.postJson(jobs + "/queued/status", "{\"status\":\"Queued\"}");
    assertThat(http.postJson(jobs + "/queued/status", "{\"status\":\"Finalizing\"}").status())
        .isEqualTo(409);
    var unknown = http.postJson(jobs + "/queued/status", "{\"status\":\"Sleeping\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("code").asString()).isEqualTo("invalid_status");
    assertThat(http.get(jobs + "/queued").json().get("status").asString()).isEqualTo("Queued");
  }

  @Test
  void refusesADuplicateOrInvalidNameAndWritesNothing() {
    assertThat(http.postJson(jobs, "{\"name\":\"dup\"}").status()).isEqualTo(201);
    int before = runCount();
    var duplicate = http.postJson(jobs, "{\"name\":\"dup\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().get("code").asString()).isEqualTo("job_exists");
    for (String bad : new String[] {"../x", "a b", "-lead", "x".repeat(256)}) {
      var invalid = http.postJson(jobs, "{\"name\":\"" + bad + "\"}");
      assertThat(invalid.status()).as(bad).isEqualTo(400);
    }
    var badTag = http.postJson(jobs, "{\"name\":\"tagged\",\"tags\":{\"/root\":\"x\"}}");
    assertThat(badTag.status()).isEqualTo(400);
    assertThat(badTag.json().get("code").asString()).isEqualTo("invalid_tag_key");
    assertThat(runCount()).isEqualTo(before);
  }

  @Test
  void takesAnArtifactOverADocumentsSizeWhateverItsTypeButNotADocument() {
    http.postJson(jobs, "{\"name\":\"big\"}");
    String twoMegabytes = "[" + "1,".repeat(1024 * 1024) + "1]";
    var artifact =
        http.send("PUT", jobs + "/big/artifacts/metrics.json", "application/json", twoMegabytes);
    assertThat(artifact.status()).isEqualTo(200);
    var document = http.send("PATCH", jobs + "/big", "application/json", twoMegabytes);
    assertThat(document.status()).isEqualTo(413);
  }

  @Test
  void acceptsKeysWithColonsAsMlflowDoes() {
    var created = http.postJson(jobs, "{\"name\":\"colon\",\"tags\":{\"stage:fold\":\"1\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("tags").get("stage:fold").asString()).isEqualTo("1");
  }

  @Test
  void refusesASnapshotTheWorkspaceDoesNotHave() {
    int before = runCount();
    var unknown = http.postJson(jobs, "{\"snapshotId\":\"" + "a".repeat(64) + "\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asString()).isEqualTo("snapshot_not_found");
    var malformed = http.postJson(jobs, "{\"snapshotId\":\"../x\"}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(runCount()).isEqualTo(before);
  }

  @Test
  void buildsATreeOfChildRunsAndDeletesItWhole() {
    http.postJson(jobs, "{\"name\":\"parent\"}");
    http.postJson(jobs, "{\"name\":\"child\",\"parent\":\"parent\"}");
    http.postJson(jobs, "{\"name\":\"grandchild\",\"parent\":\"child\"}");
    assertThat(http.get(jobs + "/child").json().get("parent").asString()).isEqualTo("parent");
    var children = http.get(jobs + "/parent/children").json().get("items");
    assertThat(children).hasSize(1);
    assertThat(http.postJson(jobs, "{\"name\":\"orphan\",\"parent\":\"nobody\"}").status())
        .isEqualTo(404);
    assertThat(http.delete(jobs + "/parent").status()).isEqualTo(204);
    assertThat(http.get(jobs + "/grandchild").status()).isEqualTo(404);
    assertThat(runCount()).isZero();
  }

  @Test
  void updatesTagsPropertiesAndDescription() {
    http.postJson(jobs, "{\"name\":\"upd\",\"tags\":{\"a\":\"1\"},\"properties\":{\"p\":\"1\"}}");
    var updated =
        http.send(
            "PATCH",
            jobs + "/upd",
            "application/json",
            "{\"description\":\"d\",\"tags\":{\"a\":\"2\",\"b\":\"3\"},\"properties\":{\"p\":null,\"q\":\"2\"}}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("tags").get("a").asString()).isEqualTo("2");
    assertThat(updated.json().get("tags").get("b").asString()).isEqualTo("3");
    assertThat(updated.json().get("properties").has("p")).isFalse();
    assertThat(updated.json().get("properties").get("q").asString()).isEqualTo("2");
    assertThat(updated.json().get("description").asString()).isEqualTo("d");
  }

  @Test
  void pagesRunsNewestFirstAndFiltersByExperimentAndStatus() {
    for (int i = 0; i < 5; i++) {
      http.postJson(jobs, "{\"name\":\"p" + i + "\",\"experimentName\":\"paged\"}");
    }
    http.postJson(jobs, "{\"name\":\"other\"}");
    http.postJson(jobs + "/p1/status", "{\"status\":\"Running\"}");
    var first = http.get(jobs + "?experiment=paged&limit=3").json();
    assertThat(first.get("items")).hasSize(3);
    assertThat(first.get("items").get(0).get("name").asString()).isEqualTo("p4");
    var second =
        http.get(jobs + "?experiment=paged&limit=3&cursor=" + first.get("next").asString());
    assertThat(second.json().get("items")).hasSize(2);
    assertThat(second.json().get("next").isNull()).isTrue();
    var running = http.get(jobs + "?status=Running").json().get("items");
    assertThat(running).hasSize(1);
    assertThat(running.get(0).get("name").asString()).isEqualTo("p1");
    assertThat(http.get(jobs + "?cursor=bogus").status()).isEqualTo(400);
  }

  @Test
  void hidesRunsOfOtherWorkspacesAndRefusesReadersChanges() {
    http.postJson(jobs, "{\"name\":\"mine\"}");
    String other = TestWorkspaces.create(dataSource, "other");
    var stranger =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("u1", other, Role.OWNER));
    assertThat(stranger.get(jobs + "/mine").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/workspaces/" + other + "/jobs/mine").status()).isEqualTo(404);
    var reader =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("u2", workspace, Role.READER));
    assertThat(reader.get(jobs + "/mine").status()).isEqualTo(200);
    assertThat(reader.postJson(jobs + "/mine/cancel", "").status()).isEqualTo(403);
  }

  @Test
  void experimentsAreCreatedOnFirstUseAndDeletedSoftly() {
    String experiments = "/api/v1/workspaces/" + workspace + "/experiments";
    http.postJson(jobs, "{\"experimentName\":\"first-use\"}");
    assertThat(http.get(experiments + "/first-use").status()).isEqualTo(200);
    var put =
        http.send(
            "PUT",
            experiments + "/first-use",
            "application/json",
            "{\"description\":\"d\",\"tags\":{\"k\":\"v\"}}");
    assertThat(put.json().get("tags").get("k").asString()).isEqualTo("v");
    assertThat(http.delete(experiments + "/first-use").status()).isEqualTo(204);
    assertThat(http.get(experiments).json().get("items")).isEmpty();
    assertThat(http.get(experiments + "?deleted=true").json().get("items")).hasSize(1);
    var refused = http.postJson(jobs, "{\"experimentName\":\"first-use\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("experiment_deleted");
    assertThat(http.postJson(experiments + "/first-use/restore", "").status()).isEqualTo(200);
    assertThat(http.delete(experiments + "/Default").status()).isEqualTo(404);
    http.postJson(jobs, "{}");
    var keptDefault = http.delete(experiments + "/Default");
    assertThat(keptDefault.status()).isEqualTo(400);
    assertThat(keptDefault.json().get("code").asString()).isEqualTo("default_experiment");
    assertThat(http.get(experiments + "/Default").json().get("lifecycle").asString())
        .isEqualTo("active");
  }

  @Test
  void refusesAnInvalidExperimentNameAndCreatesNothing() {
    String experiments = "/api/v1/workspaces/" + workspace + "/experiments";
    for (String body :
        new String[] {
          "{\"experimentName\":\"" + "e".repeat(257) + "\"}",
          "{\"experimentName\":\"a/b\"}",
          "{\"experimentName\":\"tab\\tname\"}",
          "{\"experimentName\":\"  \"}"
        }) {
      var refused = http.postJson(jobs, body);
      assertThat(refused.status()).as(body).isEqualTo(400);
      assertThat(refused.json().get("code").asString()).isEqualTo("invalid_experiment_name");
    }
    var put = http.send("PUT", experiments + "/" + "e".repeat(257), "application/json", "{}");
    assertThat(put.status()).isEqualTo(400);
    assertThat(http.get(experiments).json().get("items")).isEmpty();
    assertThat(runCount()).isZero();
  }
}
