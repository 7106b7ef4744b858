package dev.kiln.cli.job;

import static dev.kiln.cli.job.ApiStub.json;
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

  @BeforeEach
  void stubTheJob() {
    stub.on("GET", JOBS + "/j1", json(RUN))
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
