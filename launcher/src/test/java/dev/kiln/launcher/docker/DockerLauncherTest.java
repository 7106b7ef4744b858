package dev.kiln.launcher.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.launcher.LaunchException;
import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.LauncherContract;
import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadKind;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launcher contract against the real Docker engine at {@code KILN_DOCKER_HOST} (default {@code
 * unix:///var/run/docker.sock}), with the image {@code python:3.11-slim} that {@code
 * .ci/docker-setup} provides; plus what only the Docker backend promises.
 */
class DockerLauncherTest extends LauncherContract {

  static final String DOCKER_HOST =
      System.getenv().getOrDefault("KILN_DOCKER_HOST", DockerClients.DEFAULT_HOST);

  @Override
  protected Launcher newLauncher() {
    return new DockerLauncher(DOCKER_HOST);
  }

  @Override
  protected String pythonImage() {
    return "python:3.11-slim";
  }

  @Override
  protected String python() {
    return "python";
  }

  @Test
  void imageThatIsNeitherPresentNorPullableIsRefusedWithoutAContainer() {
    String id = newId();
    WorkloadSpec spec =
        new WorkloadSpec(
            id,
            WorkloadKind.JOB,
            "kiln-test/no-such-image:never",
            fixtureCommand(id),
            Map.of(),
            fixtureFiles(),
            Resources.NONE,
            Map.of(),
            0);

    assertThatThrownBy(() -> launch(spec))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("kiln-test/no-such-image:never");
    assertThat(launcher.status(id)).isEmpty();
  }

  @Test
  void missingExecutableFailsWithExitCode127AndTheLogSaysWhy() {
    String id = newId();
    launch(
        WorkloadSpec.job(
            id,
            pythonImage(),
            List.of("/no/such/program"),
            Map.of(),
            Map.of(),
            Resources.NONE,
            Map.of()));

    WorkloadStatus status = awaitEnded(id);

    assertThat(status.state()).isEqualTo(WorkloadState.FAILED);
    assertThat(status.exitCode()).isEqualTo(127);
    assertThat(logLines(id)).anySatisfy(line -> assertThat(line).contains("/no/such/program"));
  }

  @Test
  void memoryLimitKillsAWorkloadThatExceedsItAsOutOfMemory() {
    String id = newId();
    WorkloadSpec spec =
        WorkloadSpec.job(
            id,
            pythonImage(),
            List.of(python(), "-c", "b = bytearray(400 * 1024 * 1024); print(len(b))"),
            Map.of(),
            Map.of(),
            new Resources(0.5, 64, 0),
            Map.of());
    launch(spec);

    WorkloadStatus status = awaitEnded(id);

    assertThat(status.state()).isEqualTo(WorkloadState.FAILED);
    assertThat(status.exitCode()).isEqualTo(137);
    assertThat(status.message()).contains("out of memory");
  }

  @Test
  void theContainerIsNamedByTheIdLabelledOnTheHostNetworkAndLimited() throws Exception {
    String id = newId();
    launch(
        WorkloadSpec.job(
            id,
            pythonImage(),
            fixtureCommand(id, "--run", "30"),
            Map.of(),
            fixtureFiles(),
            new Resources(0.5, 256, 0),
            Map.of("kiln.dev/run", "run-7")));

    try (var docker = DockerClients.open(DOCKER_HOST)) {
      var container = docker.inspectContainerCmd(id).exec();
      assertThat(container.getName()).isEqualTo("/" + id);
      assertThat(container.getConfig().getLabels())
          .containsEntry("kiln.workload", id)
          .containsEntry("kiln.dev/run", "run-7");
      assertThat(container.getConfig().getWorkingDir()).isEqualTo("/kiln/work");
      assertThat(container.getHostConfig().getNetworkMode()).isEqualTo("host");
      assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
      assertThat(container.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
    }
  }

  @Test
  void logsOfAnUnknownWorkloadAreEmpty() {
    try (var logs = launcher.logs(newId(), false)) {
      assertThat(logs.nextLine()).isNull();
    }
  }
}
