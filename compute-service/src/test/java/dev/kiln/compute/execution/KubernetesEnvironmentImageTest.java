package dev.kiln.compute.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.events.SubmittedJob;
import dev.kiln.launcher.EnvironmentBuildException;
import dev.kiln.launcher.LogStream;
import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.docker.DockerLauncher;
import dev.kiln.testsupport.ImageRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environment images for Kubernetes, against a real registry and the real Docker engine: an
 * environment with pip requirements is built once and pushed to the configured registry, from which
 * an engine without the image pulls and runs it, as a cluster's nodes would.
 */
@Timeout(600)
class KubernetesEnvironmentImageTest {

  private static final String DOCKER_HOST = "unix:///var/run/docker.sock";

  static ImageRegistry registry;

  @TempDir static Path local;

  @BeforeAll
  static void startRegistry() {
    registry = ImageRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void anEnvironmentWithRequirementsIsPushedOnceAndRunsFromTheRegistry() throws Exception {
    // A fresh hash per run: the engine caches images, and this test must see a build and a push.
    String hash = UUID.randomUUID().toString().replace("-", "");
    SubmittedJob.Environment environment = environment(hash, List.of("six==1.16.0"));
    Environments environments = new Environments(settings(registry.address()));
    List<String> firstLog = Collections.synchronizedList(new ArrayList<>());
    List<String> secondLog = Collections.synchronizedList(new ArrayList<>());

    String image = environments.materialize("kubernetes", environment, firstLog::add).image();
    String again = environments.materialize("kubernetes", environment, secondLog::add).image();

    assertThat(image).isEqualTo(registry.address() + "/kiln-env:" + hash);
    assertThat(again).isEqualTo(image);
    assertThat(firstLog).anyMatch(line -> line.contains("six"));
    assertThat(secondLog).isEmpty();
    assertThat(registry.get("/v2/kiln-env/tags/list").body()).contains(hash);

    // Drop the engine's copy: running the image now takes a pull from the registry.
    removeImage(image);
    String workload = "kiln-k8s-image-" + hash.substring(0, 8);
    try (DockerLauncher nodes = new DockerLauncher(DOCKER_HOST)) {
      nodes.launch(
          WorkloadSpec.job(
              workload,
              image,
              List.of("python3", "-c", "import six; print('six', six.__version__)"),
              Map.of(),
              Map.of(),
              Resources.NONE,
              Map.of("kiln.dev/test", "k8s-image")));
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> nodes.status(workload).map(s -> s.state().ended()).orElse(false));
      assertThat(nodes.status(workload).orElseThrow().state()).isEqualTo(WorkloadState.SUCCEEDED);
      try (LogStream lines = nodes.logs(workload, false)) {
        assertThat(lines.nextLine()).isEqualTo("six 1.16.0");
      }
      nodes.remove(workload);
    } finally {
      removeImage(image);
    }
  }

  private static void removeImage(String image) throws Exception {
    Process rmi =
        new ProcessBuilder("docker", "rmi", "--force", image)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(rmi.waitFor()).isZero();
  }

  @Test
  void withoutARegistryAnEnvironmentWithRequirementsIsRefusedWithTheSetting() {
    Environments environments = new Environments(settings(""));
    SubmittedJob.Environment environment =
        environment(UUID.randomUUID().toString().replace("-", ""), List.of("six==1.16.0"));

    assertThatThrownBy(() -> environments.materialize("kubernetes", environment, line -> {}))
        .isInstanceOf(EnvironmentBuildException.class)
        .hasMessageContaining("kiln.compute.kubernetes.registry");
  }

  @Test
  void anEnvironmentWithoutRequirementsRunsItsImageAsNamed() {
    Environments environments = new Environments(settings(""));

    assertThat(
            environments
                .materialize(
                    "kubernetes",
                    environment(UUID.randomUUID().toString().replace("-", ""), List.of()),
                    line -> {})
                .image())
        .isEqualTo("python:3.11-slim");
  }

  private static SubmittedJob.Environment environment(String hash, List<String> requirements) {
    return new SubmittedJob.Environment(
        "azureml:k8s-test:1", "python:3.11-slim", "3.11", requirements, Map.of(), hash);
  }

  private static ComputeSettings settings(String registry) {
    return new ComputeSettings(
        "http://127.0.0.1:8080",
        3,
        false,
        new ComputeSettings.Scheduler(
            false,
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            4),
        new ComputeSettings.Local(local, "python3", local.resolve("environments")),
        new ComputeSettings.Docker(true, DOCKER_HOST),
        new ComputeSettings.Kubernetes(true, "default", registry));
  }
}
