package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.e2e.cli.RunningPlatform.Run;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kiln compute} against the real standalone platform: the cluster example of YAML.md is
 * created, changed, listed, shown and deleted, next to the {@code local} cluster that the
 * standalone gives every workspace.
 */
class ComputeCommandsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The compute cluster example of YAML.md. */
  static final String CPU_POOL =
      """
      $schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
      name: cpu-pool
      type: amlcompute
      min_instances: 0
      max_instances: 4
      idle_time_before_scale_down: 120
      """;

  @TempDir static Path specs;
  static String workspace;

  @BeforeAll
  static void createWorkspace() {
    workspace = "compute-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(RunningPlatform.kiln("workspace", "create", workspace).exitCode()).isZero();
  }

  /** {@code kiln -w <workspace> args...} as the administrator. */
  static Run kiln(String... args) {
    List<String> all = new ArrayList<>(List.of("-w", workspace));
    all.addAll(List.of(args));
    return RunningPlatform.kiln(all.toArray(String[]::new));
  }

  static JsonNode json(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  @Test
  void givesANewWorkspaceALocalCluster() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kiln("compute", "show", "local").exitCode() == 0);

    JsonNode local = json(kiln("compute", "show", "local", "-o", "json"));
    assertThat(local.get("backend").asString()).isEqualTo("local");
    assertThat(local.get("kind").asString()).isEqualTo("cluster");
    assertThat(local.get("slotsPerNode").asInt()).isPositive();
  }

  @Test
  void createsChangesListsShowsAndDeletesTheYamlClusterExample() throws IOException {
    Path spec =
        Files.writeString(specs.resolve("cpu-pool.yml"), CPU_POOL + "size: Standard_DS3_v2\n");

    Run created = kiln("compute", "create", "-f", spec.toString(), "-o", "json");
    assertThat(created.err()).contains("kiln: warning: Ignored Azure ML key 'size'");
    JsonNode pool = json(created);
    assertThat(pool.get("name").asString()).isEqualTo("cpu-pool");
    assertThat(pool.get("maxInstances").asInt()).isEqualTo(4);

    JsonNode grown =
        json(
            kiln(
                "compute",
                "create",
                "-f",
                spec.toString(),
                "--set",
                "max_instances=8",
                "-o",
                "json"));
    assertThat(grown.get("maxInstances").asInt()).isEqualTo(8);
    assertThat(grown.get("id").asString()).isEqualTo(pool.get("id").asString());

    Run listed = kiln("compute", "list");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("cpu-pool").containsPattern("cpu-pool\\s+cluster\\s+local");

    JsonNode shown = json(kiln("compute", "show", "cpu-pool", "-o", "json"));
    assertThat(shown.get("maxInstances").asInt()).isEqualTo(8);
    assertThat(shown.get("queued").asInt()).isZero();

    Run deleted = kiln("compute", "delete", "cpu-pool", "--yes");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    Run gone = kiln("compute", "show", "cpu-pool");
    assertThat(gone.exitCode()).isEqualTo(5);
    assertThat(gone.err()).contains("cpu-pool");
  }

  @Test
  void showsTheBusySlotOfAJobThatRanOnTheCompute() throws IOException {
    Path spec =
        Files.writeString(
            specs.resolve("usage-pool.yml"),
            "name: usage-pool\ntype: amlcompute\nmin_instances: 0\nmax_instances: 1\n");
    // compute-service learns of the new workspace through an event; until then it answers 404.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kiln("compute", "create", "-f", spec.toString()).exitCode() == 0);
    String job =
        submit(
            "{\"command\": \"echo hi\", \"environment\": \"azureml:kiln-minimal@latest\","
                + " \"compute\": \"azureml:usage-pool\"}");
    awaitCompleted(job);

    Run usage = kiln("compute", "usage", "usage-pool", "--since", "1h");

    assertThat(usage.exitCode()).as(usage.err()).isZero();
    assertThat(usage.out().lines().findFirst().orElseThrow())
        .matches("TIME\\s+NODES\\s+BUSY\\s+QUEUED");
    assertThat(usage.out().lines().skip(1))
        .anySatisfy(row -> assertThat(row).matches("\\S+Z\\s+\\d+\\s+1\\s+\\d+"));
    JsonNode json = json(kiln("compute", "usage", "usage-pool", "-o", "json"));
    assertThat(json.get("compute").asString()).isEqualTo("usage-pool");
    assertThat(json.get("samples"))
        .anySatisfy(sample -> assertThat(sample.get("busySlots").asInt()).isEqualTo(1));
  }

  @Test
  void refusesAnUnparsableSinceAndAnUnknownCompute() {
    Run badSince = kiln("compute", "usage", "local", "--since", "yesterday");
    assertThat(badSince.exitCode()).isEqualTo(2);
    assertThat(badSince.err()).contains("--since must be an ISO-8601 instant");

    Run unknown = kiln("compute", "usage", "no-such-pool");
    assertThat(unknown.exitCode()).isEqualTo(5);
    assertThat(unknown.err()).contains("no-such-pool");
  }

  @Test
  void refusesATypoInTheSpecNamingItsLine() throws IOException {
    Path spec =
        Files.writeString(
            specs.resolve("typo.yml"), "name: typo-pool\ntype: amlcompute\nmax_instance: 2\n");

    Run refused = kiln("compute", "create", "-f", spec.toString());

    assertThat(refused.exitCode()).isEqualTo(7);
    assertThat(refused.err()).contains("'max_instance' at line 3").contains("'max_instances'");
    assertThat(kiln("compute", "show", "typo-pool").exitCode()).isEqualTo(5);
  }

  /**
   * Submits a command job through the REST API (a 400 {@code compute_not_found} while
   * compute-service has not yet seen a new target is retried); its name.
   */
  static String submit(String body) {
    String[] name = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response response = post("/jobs", body);
              if (response.status() == 201) {
                name[0] = JSON.readTree(response.body()).get("name").asString();
                return true;
              }
              assertThat(response.body()).as("POST /jobs").contains("compute_not_found");
              return false;
            });
    return name[0];
  }

  /** Waits until job {@code name} has completed; a job that fails or is canceled fails the test. */
  static void awaitCompleted(String name) {
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String status =
                  json(kiln("job", "show", name, "-o", "json")).get("status").asString();
              assertThat(status).as("status of job " + name).isNotIn("Failed", "Canceled");
              return status.equals("Completed");
            });
  }

  /** {@code POST /api/v1/workspaces/<workspace><path>} with a JSON body, as the administrator. */
  static TestHttp.Response post(String path, String json) {
    return RunningPlatform.admin().postJson("/api/v1/workspaces/" + workspace + path, json);
  }
}
