package dev.kiln.compute.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.compute.ComputeServiceTest;
import dev.kiln.compute.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The execution routes: a job's attempts, and the runner's heartbeat, which refuses bad reports
 * without changing anything and tells a superseded or ended attempt to stop.
 */
@ComputeServiceTest
class ExecutionApiTest {

  static final String JOB =
      "{\"command\":\"true\",\"compute\":\"local\",\"inputs\":{},\"outputs\":{},"
          + "\"instanceCount\":1,\"priority\":0}";

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  JdbcTemplate jdbc;
  String workspace;
  UUID runId;
  String base;

  @BeforeEach
  void executingJob() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    jdbc = new JdbcTemplate(dataSource);
    workspace = TestWorkspaces.create(dataSource, "exec");
    runId = UUID.randomUUID();
    jdbc.update(
        "insert into execution (run_id, workspace_id, workspace, run_name, compute_id, job, slots,"
            + " state, queued_at, not_before, attempt, launched, phase) values (?, ?, ?, 'busy_run',"
            + " ?, ?::jsonb, 1, 'active', now(), now(), 2, true, 'running')",
        runId,
        TestWorkspaces.idOf(dataSource, workspace),
        workspace,
        UUID.randomUUID(),
        JOB);
    for (int attempt = 1; attempt <= 2; attempt++) {
      jdbc.update(
          "insert into execution_attempt (run_id, number, backend, workloads, started_at, outcome)"
              + " values (?, ?, 'local', ?::jsonb, now(), ?)",
          runId,
          attempt,
          "[\"" + Execution.workloadId(runId, attempt, 0) + "\"]",
          attempt == 1 ? "infrastructure_failure" : null);
    }
    base = "/api/v1/workspaces/" + workspace + "/jobs/busy_run/execution";
  }

  @Test
  void showsEveryAttemptWithItsWorkloads() {
    JsonNode shown = http.get(base).json();

    assertThat(shown.get("state").asString()).isEqualTo("active");
    assertThat(shown.get("attempts")).hasSize(2);
    assertThat(shown.get("attempts").get(0).get("outcome").asString())
        .isEqualTo("infrastructure_failure");
    assertThat(shown.get("attempts").get(1).get("workloads").get(0).asString())
        .isEqualTo(Execution.workloadId(runId, 2, 0));
  }

  @Test
  void aJobThatWasNotSubmittedHasNoExecution() {
    TestHttp.Response response =
        http.get("/api/v1/workspaces/" + workspace + "/jobs/no_such_run/execution");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("code").asString()).isEqualTo("execution_not_found");
    assertThat(
            http.postJson(
                    "/api/v1/workspaces/" + workspace + "/jobs/no_such_run/execution/heartbeat",
                    "{\"attempt\":1,\"phase\":\"running\"}")
                .status())
        .isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"attempt\":2,\"phase\":\"sleeping\"}",
        "{\"attempt\":0,\"phase\":\"running\"}",
        "{\"attempt\":2,\"phase\":\"done\",\"infrastructureError\":\"x\",\"exitCode\":\"three\"}",
        "{\"attempt\":2,",
        "[]"
      })
  void refusesABadReportAndChangesNothing(String body) {
    TestHttp.Response response = http.postJson(base + "/heartbeat", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(phaseAndHeartbeat()).isEqualTo("running/null");
  }

  @Test
  void refusesAnOversizedRunnerErrorAndChangesNothing() {
    String error = "x".repeat(10_001);

    TestHttp.Response response =
        http.postJson(
            base + "/heartbeat",
            "{\"attempt\":2,\"phase\":\"done\",\"infrastructureError\":\"" + error + "\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(phaseAndHeartbeat()).isEqualTo("running/null");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from execution_attempt where run_id = ? and reported_error is not"
                    + " null",
                Integer.class,
                runId))
        .isZero();
  }

  @Test
  void tellsASupersededAttemptToStopAndKeepsTheCurrentOnesState() {
    TestHttp.Response response =
        http.postJson(base + "/heartbeat", "{\"attempt\":1,\"phase\":\"finalizing\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("cancel").asBoolean()).isTrue();
    assertThat(phaseAndHeartbeat()).isEqualTo("running/null");
  }

  @Test
  void aPeriodicHeartbeatOfTheCurrentAttemptIsRecorded() {
    TestHttp.Response response =
        http.postJson(base + "/heartbeat", "{\"attempt\":2,\"phase\":\"running\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("cancel").asBoolean()).isFalse();
    assertThat(phaseAndHeartbeat()).isEqualTo("running/set");
  }

  @Test
  void aCanceledJobsRunnerIsToldToStop() {
    jdbc.update("update execution set cancel_requested = true where run_id = ?", runId);

    TestHttp.Response response =
        http.postJson(base + "/heartbeat", "{\"attempt\":2,\"phase\":\"running\"}");

    assertThat(response.json().get("cancel").asBoolean()).isTrue();
  }

  @Test
  void anotherWorkspaceDoesNotSeeTheExecution() {
    String other = TestWorkspaces.create(dataSource, "other");

    assertThat(http.get("/api/v1/workspaces/" + other + "/jobs/busy_run/execution").status())
        .isEqualTo(404);
  }

  private String phaseAndHeartbeat() {
    return jdbc.queryForObject(
        "select phase || '/' || case when last_heartbeat is null then 'null' else 'set' end"
            + " from execution where run_id = ?",
        String.class,
        runId);
  }
}
