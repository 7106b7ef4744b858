package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.e2e.cli.RunningPlatform.Run;
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
  void refusesATypoInTheSpecNamingItsLine() throws IOException {
    Path spec =
        Files.writeString(
            specs.resolve("typo.yml"), "name: typo-pool\ntype: amlcompute\nmax_instance: 2\n");

    Run refused = kiln("compute", "create", "-f", spec.toString());

    assertThat(refused.exitCode()).isEqualTo(7);
    assertThat(refused.err()).contains("'max_instance' at line 3").contains("'max_instances'");
    assertThat(kiln("compute", "show", "typo-pool").exitCode()).isEqualTo(5);
  }
}
