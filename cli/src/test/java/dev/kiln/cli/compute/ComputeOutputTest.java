package dev.kiln.cli.compute;

import static dev.kiln.cli.job.ApiStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.job.AgainstStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
