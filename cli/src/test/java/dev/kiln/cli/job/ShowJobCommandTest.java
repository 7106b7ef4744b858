package dev.kiln.cli.job;

import static dev.kiln.cli.job.ApiStub.json;
import static dev.kiln.cli.job.ApiStub.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.output.Mappers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code kiln job show} and {@code kiln job cancel} against a stubbed run-service. */
class ShowJobCommandTest extends AgainstStub {

  static final String RUN =
      """
      {"id": "4f0c", "name": "j1", "displayName": "baseline", "experimentName": "mnist",
       "status": "Failed", "createdAt": "2026-11-23T10:00:00Z",
       "error": {"code": "oom", "message": "Out of memory"},
       "tags": {"team": "vision", "stage": "dev"}, "properties": {}}
      """;

  /** A job that compute-service ran twice: the first attempt failed, the second completed. */
  static final String SUBMITTED =
      """
      {"id": "8a1d", "name": "j3", "status": "Completed", "createdAt": "2026-11-23T10:00:00Z"}
      """;

  static final String EXECUTION =
      """
      {"state": "ended", "phase": "done", "compute": "cpu-pool", "priority": 0,
       "queuedAt": "2026-11-23T10:00:01Z", "startedAt": "2026-11-23T10:00:02Z",
       "endedAt": "2026-11-23T10:01:00Z", "outcome": "completed", "error": null,
       "attempts": [
         {"number": 1, "backend": "docker", "workloads": ["kiln-j3-1"],
          "startedAt": "2026-11-23T10:00:02Z", "endedAt": "2026-11-23T10:00:30Z",
          "exitCode": null, "outcome": "infrastructure_failure", "error": "image pull failed",
          "reportedExit": null, "reportedError": null},
         {"number": 2, "backend": "docker", "workloads": ["kiln-j3-2"],
          "startedAt": "2026-11-23T10:00:31Z", "endedAt": "2026-11-23T10:01:00Z",
          "exitCode": 0, "outcome": "completed", "error": null,
          "reportedExit": 0, "reportedError": null}]}
      """;

  @BeforeEach
  void stubTheJob() {
    stub.on("GET", JOBS + "/j1", json(RUN))
        .on(
            "GET",
            JOBS + "/j1/execution",
            problem(404, "execution_not_found", "Job 'j1' is not executing here."))
        .on("GET", JOBS + "/j3", json(SUBMITTED))
        .on("GET", JOBS + "/j3/execution", json(EXECUTION))
        .on("GET", JOBS + "/j3/params", json("{\"params\": {}}"))
        .on("GET", JOBS + "/j3/metrics", json("{\"metrics\": []}"))
        .on("GET", JOBS + "/j1/params", json("{\"params\": {\"lr\": \"0.01\", \"epochs\": \"3\"}}"))
        .on(
            "GET",
            JOBS + "/j1/metrics",
            json(
                """
                {"metrics": [
                  {"key": "loss", "value": 0.25, "step": 9, "timestamp": 1795428000000},
                  {"key": "system/cpu", "value": "NaN", "step": 0, "timestamp": 1795428000000}]}
                """));
  }

  @Test
  void showsTheFieldsThenTagsParamsAndLatestMetrics() {
    Result result = run("job", "show", "j1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "id:             4f0c",
            "name:           j1",
            "displayName:    baseline",
            "experimentName: mnist",
            "status:         Failed",
            "createdAt:      2026-11-23T10:00:00Z",
            "error:          {\"code\":\"oom\",\"message\":\"Out of memory\"}",
            "properties:     {}",
            "",
            "TAG     VALUE",
            "team    vision",
            "stage   dev",
            "",
            "PARAM    VALUE",
            "lr       0.01",
            "epochs   3",
            "",
            "METRIC       VALUE   STEP   TIMESTAMP",
            "loss         0.25    9      2026-11-23T10:00:00Z",
            "system/cpu   NaN     0      2026-11-23T10:00:00Z");
  }

  @Test
  void printsTheServersJobWithParamsAndMetricsAsJson() {
    Result result = run("job", "show", "j1", "-o", "json");

    JsonNode job = Mappers.JSON.readTree(result.out());
    assertThat(job.get("tags").get("team").asString()).isEqualTo("vision");
    assertThat(job.get("error").get("code").asString()).isEqualTo("oom");
    assertThat(job.get("params").get("lr").asString()).isEqualTo("0.01");
    assertThat(job.get("metrics").get(0).get("timestamp").asLong()).isEqualTo(1795428000000L);
    assertThat(job.has("execution")).isTrue();
    assertThat(job.get("execution").isNull()).as("tracking-only run").isTrue();
  }

  @Test
  void showsTheComputeQueueStateAndEachAttemptOfASubmittedJob() {
    Result result = run("job", "show", "j3");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "id:        8a1d",
            "name:      j3",
            "status:    Completed",
            "createdAt: 2026-11-23T10:00:00Z",
            "",
            "compute:   cpu-pool",
            "queue:     ended (completed) at 2026-11-23T10:01:00Z",
            "attempt 1: docker, infrastructure_failure, error: image pull failed",
            "attempt 2: docker, completed, exit code 0");
  }

  @Test
  void showsWhereAQueuedJobWaits() {
    stub.on(
        "GET",
        JOBS + "/j3/execution",
        json(
            """
            {"state": "queued", "phase": null, "compute": "cpu-pool", "priority": 5,
             "queuedAt": "2026-11-23T10:00:01Z", "error": "no slot yet", "attempts": []}
            """));

    Result result = run("job", "show", "j3");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("compute:         cpu-pool\n")
        .contains("queue:           queued since 2026-11-23T10:00:01Z, priority 5\n")
        .contains("execution error: no slot yet\n")
        .doesNotContain("attempt");
  }

  @Test
  void addsTheExecutionToTheJsonLeavingTheJobsFieldsAsSent() {
    Result result = run("job", "show", "j3", "-o", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode job = Mappers.JSON.readTree(result.out());
    assertThat(job.propertyNames())
        .containsExactly("id", "name", "status", "createdAt", "execution", "params", "metrics");
    assertThat(job.get("execution")).isEqualTo(Mappers.JSON.readTree(EXECUTION));
  }

  @Test
  void failsOnA404ThatIsNotAMissingExecution() {
    stub.on("GET", JOBS + "/j3/execution", problem(404, "job_not_found", "Job 'j3' was deleted."));

    Result result = run("job", "show", "j3");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).contains("Job 'j3' was deleted. (job_not_found, HTTP 404)");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void printsTheSameDocumentAsYaml() {
    Result result = run("job", "show", "j1", "-o", "yaml");

    JsonNode job = Mappers.YAML.readTree(result.out());
    assertThat(job.get("name").asString()).isEqualTo("j1");
    assertThat(job.get("params").get("epochs").asString()).isEqualTo("3");
    assertThat(job.get("metrics").get(1).get("key").asString()).isEqualTo("system/cpu");
  }

  @Test
  void reportsAnUnknownJobAsNotFound() {
    Result result = run("job", "show", "nope");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).startsWith("kiln: nothing at GET " + JOBS + "/nope (not_found");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void cancelsAJobAndShowsIt() {
    stub.on(
        "POST",
        JOBS + "/j2/cancel",
        json("{\"name\": \"j2\", \"status\": \"Canceled\", \"lifecycle\": \"active\"}"));

    Result result = run("job", "cancel", "j2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly("name:      j2", "status:    Canceled", "lifecycle: active");
    assertThat(result.err()).isEmpty();
    assertThat(stub.requests("POST", JOBS + "/j2/cancel")).hasSize(1);
  }

  @Test
  void saysWhenTheJobHadAlreadyEnded() {
    stub.on("POST", JOBS + "/j2/cancel", json("{\"name\": \"j2\", \"status\": \"Completed\"}"));

    Result result = run("job", "cancel", "j2", "-o", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(Mappers.JSON.readTree(result.out()).get("status").asString()).isEqualTo("Completed");
    assertThat(result.err())
        .isEqualTo("Job 'j2' had already ended (Completed); it was not canceled.\n");
  }
}
