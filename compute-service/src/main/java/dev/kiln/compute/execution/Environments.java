package dev.kiln.compute.execution;

import dev.kiln.common.events.SubmittedJob;
import dev.kiln.launcher.EnvironmentBuildException;
import dev.kiln.launcher.docker.DockerImages;
import dev.kiln.launcher.local.Virtualenvs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Makes an environment usable on a backend, once per content hash: a virtualenv for local
 * processes, an image for Docker, an image in the configured registry for Kubernetes. Builds are
 * cached by the backends' own tools, so a second job with the same environment starts at once.
 */
@Component
class Environments {

  private final Virtualenvs virtualenvs;
  private final ComputeSettings settings;
  private final Supplier<DockerImages> images;
  private final Map<String, Object> pushLocks = new ConcurrentHashMap<>();
  private final Set<String> pushed = ConcurrentHashMap.newKeySet();

  Environments(ComputeSettings settings) {
    this.settings = settings;
    this.virtualenvs = new Virtualenvs(settings.local().environments(), settings.local().python());
    this.images = SingletonSupplier.of(() -> new DockerImages(settings.docker().host()));
  }

  /**
   * The environment ready on {@code backend}.
   *
   * @param buildLog receives the build's output as it happens
   * @throws dev.kiln.launcher.EnvironmentBuildException when the build fails (the job's fault: its
   *     requirements do not install)
   */
  Materialized materialize(
      String backend, SubmittedJob.Environment environment, Consumer<String> buildLog) {
    return switch (backend) {
      case "local" -> {
        Path venv =
            virtualenvs.ensure(environment.contentHash(), environment.pipRequirements(), buildLog);
        Path bin = venv.resolve("bin");
        String path = bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        yield new Materialized(
            null,
            bin.resolve("python").toString(),
            Map.of("PATH", path, "VIRTUAL_ENV", venv.toString()));
      }
      case "docker" -> {
        String tag = DockerImages.environmentTag(environment.contentHash());
        buildImage(tag, environment, buildLog);
        yield new Materialized(tag, "python3", Map.of());
      }
      default -> new Materialized(kubernetesImage(environment, buildLog), "python3", Map.of());
    };
  }

  /**
   * The image a Kubernetes pod runs: the environment's own when it adds no requirements, else the
   * image of its content hash in the configured registry, built on the Docker engine of {@code
   * kiln.compute.docker.host} and pushed there once per content hash (a registry that has it
   * already takes the manifest only).
   */
  private String kubernetesImage(SubmittedJob.Environment environment, Consumer<String> buildLog) {
    List<String> requirements = environment.pipRequirements();
    if (requirements == null || requirements.isEmpty()) {
      return environment.image();
    }
    String registry = settings.kubernetes().registry();
    if (registry.isBlank()) {
      throw new EnvironmentBuildException(
          "Environment "
              + environment.reference()
              + " adds pip requirements, and no image registry is configured for Kubernetes"
              + " (kiln.compute.kubernetes.registry); name a prebuilt image in the environment"
              + " instead",
          List.of());
    }
    String tag =
        registry.replaceAll("/+$", "")
            + "/"
            + DockerImages.environmentTag(environment.contentHash());
    synchronized (pushLocks.computeIfAbsent(tag, key -> new Object())) {
      if (!pushed.contains(tag)) {
        buildImage(tag, environment, buildLog);
        images.get().push(tag, buildLog);
        pushed.add(tag);
      }
    }
    return tag;
  }

  /** The environment's image under {@code tag}: its base image plus its pip requirements. */
  private void buildImage(
      String tag, SubmittedJob.Environment environment, Consumer<String> buildLog) {
    List<String> requirements = environment.pipRequirements();
    images
        .get()
        .ensure(
            tag,
            DockerImages.environmentDockerfile(environment.image(), requirements),
            DockerImages.environmentContext(requirements),
            buildLog);
  }

  /**
   * @param image the image to run (null for local processes)
   * @param python how to call the environment's interpreter inside the workload
   * @param environment variables the environment needs set (PATH of a virtualenv)
   */
  record Materialized(String image, String python, Map<String, String> environment) {}
}
