package dev.kiln.cli.compute;

import static dev.kiln.cli.job.ApiStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.job.AgainstStub;
import dev.kiln.cli.job.ApiStub;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the compute commands print from compute-service's answers (a stub here). */
class ComputeOutputTest extends AgainstStub {

  static final String COMPUTES = "/api/v1/workspaces/demo/computes";

  static final String CPU_POOL =
      """
      {"id": "7d2e", "name": "cpu-pool", "type": "amlcompute", "kind": "cluster",
       "backend": "local", "minInstances": 0, "maxInstances": 4, "idleTimeBeforeScaleDown": 120,
       "slotsPerNode": 2, "resources": {"cpus": null, "memoryGb": null, "gpus": 0},
       "nodes": 1, "busySlots": 2, "queued": 3, "running": 2}
      """;

  @Test
  void listsNodesWithTheirBoundsAndTheQueue() {
    stub.on("GET", COMPUTES, json("{\"items\": [" + CPU_POOL + "], \"next\": null}"));

    Result result = run("compute", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("NAME")
        .contains("NODES")
        .contains("QUEUED")
        .containsPattern("cpu-pool\\s+cluster\\s+local\\s+1 \\(0-4\\)\\s+2\\s+2\\s+3\\s+2");
  }

  @Test
  void reportsIgnoredKeysOnStderrAndPrintsTheCompute() throws IOException {
    String answer =
        CPU_POOL.replace(
            "\"running\": 2}",
            "\"running\": 2, \"warnings\": [\"Ignored Azure ML key 'size': it has no meaning on"
                + " Kiln.\"]}");
    stub.on("PUT", COMPUTES + "/cpu-pool", json(201, answer));
    Path file =
        Files.writeString(home.resolve("cpu-pool.yml"), "name: cpu-pool\nsize: Standard_DS3_v2\n");

    Result result = run("compute", "create", "-f", file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("kiln: warning: Ignored Azure ML key 'size': it has no meaning on Kiln.");
    assertThat(result.out()).contains("cpu-pool").doesNotContain("warnings");
  }

  static final String USAGE =
      """
      {"compute": "cpu-pool", "since": "2026-11-23T09:00:00Z", "samples": [
        {"time": "2026-11-23T09:10:00.123456Z", "nodes": 1, "busySlots": 0, "queued": 1},
        {"time": "2026-11-23T09:10:01.5Z", "nodes": 1, "busySlots": 1, "queued": 0},
        {"time": "2026-11-23T09:12:30Z", "nodes": 0, "busySlots": 0, "queued": 0}]}
      """;

  @Test
  void showsEachUsageSampleAsARowToTheSecond() {
    stub.on("GET", COMPUTES + "/cpu-pool/usage", json(USAGE));

    Result result = run("compute", "usage", "cpu-pool", "--since", "2026-11-23T09:00:00Z");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "TIME                   NODES   BUSY   QUEUED",
            "2026-11-23T09:10:00Z   1       0      1",
            "2026-11-23T09:10:01Z   1       1      0",
            "2026-11-23T09:12:30Z   0       0      0");
    assertThat(result.err()).isEmpty();
    assertThat(stub.requests("GET", COMPUTES + "/cpu-pool/usage"))
        .singleElement()
        .extracting(ApiStub.Request::query)
        .isEqualTo(Map.of("since", "2026-11-23T09:00:00Z"));
  }

  @Test
  void sendsADurationAsTheInstantThatLongAgo() {
    stub.on("GET", COMPUTES + "/cpu-pool/usage", json(USAGE));

    Instant before = Instant.now();
    Result result = run("compute", "usage", "cpu-pool", "--since", "2h");
    Instant after = Instant.now();

    assertThat(result.exitCode()).as(result.err()).isZero();
    String since = stub.requests("GET", COMPUTES + "/cpu-pool/usage").get(0).query().get("since");
    assertThat(Instant.parse(since))
        .isBetween(before.minus(Duration.ofHours(2)), after.minus(Duration.ofHours(2)));
  }

  @Test
  void printsTheServersUsageDocumentAsJsonAndYaml() {
    stub.on("GET", COMPUTES + "/cpu-pool/usage", json(USAGE));

    JsonNode json = Mappers.JSON.readTree(run("compute", "usage", "cpu-pool", "-o", "json").out());
    JsonNode yaml = Mappers.YAML.readTree(run("compute", "usage", "cpu-pool", "-o", "yaml").out());

    assertThat(json).isEqualTo(Mappers.JSON.readTree(USAGE));
    assertThat(yaml.get("samples").get(1).get("busySlots").asInt()).isEqualTo(1);
    assertThat(yaml.get("compute").asString()).isEqualTo("cpu-pool");
    assertThat(stub.requests("GET", COMPUTES + "/cpu-pool/usage"))
        .allSatisfy(request -> assertThat(request.query()).isEmpty());
  }

  @Test
  void saysOnStderrWhenThereAreNoSamples() {
    stub.on(
        "GET",
        COMPUTES + "/idle/usage",
        json("{\"compute\": \"idle\", \"since\": \"2026-11-23T09:00:00Z\", \"samples\": []}"));

    Result result = run("compute", "usage", "idle");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).containsExactly("TIME   NODES   BUSY   QUEUED");
    assertThat(result.err())
        .isEqualTo("Compute 'idle' has no usage samples since 2026-11-23T09:00:00Z.\n");
  }

  @Test
  void reportsAnUnknownComputeAsNotFound() {
    stub.on(
        "GET",
        COMPUTES + "/nope/usage",
        ApiStub.problem(404, "compute_not_found", "Compute 'nope' not found."));

    Result result = run("compute", "usage", "nope");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).contains("Compute 'nope' not found. (compute_not_found, HTTP 404)");
    assertThat(result.out()).isEmpty();
  }
}
