package dev.kiln.launcher.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.launcher.EnvironmentBuildException;
import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Environment images against the real engine, on {@code python:3.11-slim}; pip reaches PyPI (or the
 * index the host's {@code PIP_INDEX_URL} names) through the host's network.
 */
@Timeout(600)
class DockerImagesTest {

  private static final String BASE = "python:3.11-slim";

  private final DockerImages images = new DockerImages(DockerLauncherTest.DOCKER_HOST);
  private final List<String> tags = new ArrayList<>();

  @AfterEach
  void removeImages() {
    try (DockerLauncher launcher = new DockerLauncher(DockerLauncherTest.DOCKER_HOST)) {
      launcher.remove("images-test-six");
    }
    try (var docker = DockerClients.open(DockerLauncherTest.DOCKER_HOST)) {
      for (String tag : tags) {
        if (images.exists(tag)) {
          docker.removeImageCmd(tag).withForce(true).exec();
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      images.close();
    }
  }

  @Test
  void concurrentCallsForOneTagBuildOnceAndTheImageHasTheRequirement() throws Exception {
    String tag = newTag();
    List<String> requirements = List.of("six==1.16.0");
    String dockerfile = DockerImages.environmentDockerfile(BASE, requirements);
    Map<String, byte[]> context = DockerImages.environmentContext(requirements);
    List<String> firstLog = Collections.synchronizedList(new ArrayList<>());
    List<String> secondLog = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch bothStarted = new CountDownLatch(2);

    CompletableFuture<Void> first =
        CompletableFuture.runAsync(
            () -> {
              bothStarted.countDown();
              awaitOther(bothStarted);
              images.ensure(tag, dockerfile, context, firstLog::add);
            });
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(
            () -> {
              bothStarted.countDown();
              awaitOther(bothStarted);
              images.ensure(tag, dockerfile, context, secondLog::add);
            });
    CompletableFuture.allOf(first, second).get();

    assertThat(images.exists(tag)).isTrue();
    List<List<String>> logs = List.of(firstLog, secondLog);
    assertThat(logs).filteredOn(List::isEmpty).hasSize(1);
    assertThat(logs)
        .filteredOn(log -> !log.isEmpty())
        .singleElement()
        .satisfies(log -> assertThat(String.join("\n", log)).contains("six-1.16.0"));
    assertThat(sixVersionIn(tag)).isEqualTo("1.16.0");
  }

  @Test
  void anExistingImageReturnsWithoutBuilding() {
    String tag = newTag();
    String dockerfile = DockerImages.environmentDockerfile(BASE, List.of());
    images.ensure(tag, dockerfile, Map.of(), line -> {});
    List<String> secondLog = new ArrayList<>();

    images.ensure(tag, dockerfile, Map.of(), secondLog::add);

    assertThat(images.exists(tag)).isTrue();
    assertThat(secondLog).isEmpty();
  }

  @Test
  void aRequirementPipCannotFindFailsWithPipsOutputAndNoImage() {
    String tag = newTag();
    List<String> requirements = List.of("kiln-no-such-package-e4f1==0.0.1");
    List<String> log = new ArrayList<>();

    assertThatThrownBy(
            () ->
                images.ensure(
                    tag,
                    DockerImages.environmentDockerfile(BASE, requirements),
                    DockerImages.environmentContext(requirements),
                    log::add))
        .isInstanceOfSatisfying(
            EnvironmentBuildException.class,
            e -> {
              assertThat(e.getMessage()).contains(tag);
              assertThat(String.join("\n", e.output()))
                  .contains("kiln-no-such-package-e4f1")
                  .contains("No matching distribution");
            });
    assertThat(log).anySatisfy(line -> assertThat(line).contains("No matching distribution"));
    assertThat(images.exists(tag)).isFalse();
  }

  @Test
  void environmentDockerfileInstallsRequirementsWithPipOrNothing() {
    assertThat(DockerImages.environmentDockerfile(BASE, List.of()))
        .isEqualTo("FROM python:3.11-slim\n");
    assertThat(DockerImages.environmentContext(List.of())).isEmpty();

    String dockerfile = DockerImages.environmentDockerfile(BASE, List.of("six==1.16.0"));
    assertThat(dockerfile)
        .startsWith("FROM python:3.11-slim\n")
        .contains("ARG PIP_INDEX_URL\n")
        .contains("COPY requirements.txt /tmp/kiln-requirements.txt\n")
        .contains("RUN python3 -m pip install --no-input");
    Map<String, byte[]> context = DockerImages.environmentContext(List.of("six==1.16.0", "numpy"));
    assertThat(context).containsOnlyKeys("requirements.txt");
    assertThat(new String(context.get("requirements.txt"), StandardCharsets.UTF_8))
        .isEqualTo("six==1.16.0\nnumpy\n");
  }

  @Test
  void environmentTagIsTheFirst32HexDigitsOfTheHash() {
    String hash = "ABCDEF0123456789abcdef0123456789ffffffffffffffffffffffffffffffff";

    assertThat(DockerImages.environmentTag(hash))
        .isEqualTo("kiln-env:abcdef0123456789abcdef0123456789");
    assertThatThrownBy(() -> DockerImages.environmentTag("abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DockerImages.environmentDockerfile("python\nRUN evil", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DockerImages.environmentContext(List.of("six\n--index-url x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private String newTag() {
    String tag = "kiln-env:test-" + UUID.randomUUID().toString().substring(0, 8);
    tags.add(tag);
    return tag;
  }

  /** Runs python in a container of the image and reads the version of six it imports. */
  private String sixVersionIn(String tag) {
    try (DockerLauncher launcher = new DockerLauncher(DockerLauncherTest.DOCKER_HOST)) {
      launcher.launch(
          WorkloadSpec.job(
              "images-test-six",
              tag,
              List.of("python3", "-c", "import six; print(six.__version__)"),
              Map.of(),
              Map.of(),
              Resources.NONE,
              Map.of()));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> launcher.status("images-test-six").map(WorkloadStatus::state).orElse(null),
              state -> state != null && state.ended());
      assertThat(launcher.status("images-test-six").map(WorkloadStatus::state))
          .contains(WorkloadState.SUCCEEDED);
      try (var logs = launcher.logs("images-test-six", false)) {
        return logs.nextLine();
      }
    }
  }

  /** Both calls start together, so that they overlap rather than run one after the other. */
  private static void awaitOther(CountDownLatch bothStarted) {
    try {
      bothStarted.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
