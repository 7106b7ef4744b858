package dev.kiln.launcher.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.kiln.launcher.EnvironmentBuildException;
import dev.kiln.launcher.LaunchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Builds environment images on a Docker engine, each tag once.
 *
 * <p>Builds run on the host's network, so that pip inside the build reaches package indexes the way
 * the host does; the host's {@code PIP_INDEX_URL}-style settings and proxy variables are passed as
 * build arguments (see {@link #environmentDockerfile}). Concurrent {@link #ensure} calls for one
 * tag in this JVM build once; the others wait and return.
 */
public class DockerImages implements AutoCloseable {

  /** The repository of environment images: {@code kiln-env:<first 32 hex of the content hash>}. */
  public static final String ENVIRONMENT_REPOSITORY = "kiln-env";

  /** The name of the pip requirements file in an environment image's build context. */
  public static final String REQUIREMENTS_FILE = "requirements.txt";

  /** Label on every image this class builds, so that they can be listed and pruned. */
  public static final String IMAGE_LABEL = "kiln.environment";

  /**
   * pip settings that the environment Dockerfile declares as build arguments. File-valued ones
   * ({@code PIP_CERT}, {@code PIP_FIND_LINKS}) are left out: their paths exist on the host only.
   */
  static final List<String> PIP_SETTINGS =
      List.of(
          "PIP_INDEX_URL",
          "PIP_EXTRA_INDEX_URL",
          "PIP_TRUSTED_HOST",
          "PIP_DEFAULT_TIMEOUT",
          "PIP_RETRIES");

  /** Build arguments the engine knows without an {@code ARG} line. */
  private static final List<String> PROXY_SETTINGS =
      List.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32,}");

  private final DockerClient docker;
  private final Map<String, String> buildArgs = new LinkedHashMap<>();
  private final Map<String, Object> tagLocks = new ConcurrentHashMap<>();

  /**
   * Builds on the engine at {@code dockerHost} ({@code unix:///var/run/docker.sock} when null or
   * blank), passing this process's pip and proxy settings to builds.
   */
  public DockerImages(String dockerHost) {
    this(dockerHost, System.getenv());
  }

  DockerImages(String dockerHost, Map<String, String> hostEnvironment) {
    this.docker = DockerClients.open(dockerHost);
    for (String name : PIP_SETTINGS) {
      putIfSet(hostEnvironment, name);
    }
    for (String name : PROXY_SETTINGS) {
      putIfSet(hostEnvironment, name);
    }
  }

  /**
   * Makes sure the image {@code tag} exists: returns at once when it does, else builds it from
   * {@code dockerfile} and the {@code context} files (by relative path) and tags it. Blocks until
   * the build ends.
   *
   * @param buildLog receives the build's output, line by line, while it runs (nothing when the
   *     image already existed)
   * @throws EnvironmentBuildException when the build fails (a RUN step exits non-zero, the base
   *     image is missing); its {@code output()} holds the build's output
   * @throws LaunchException when the engine cannot be reached
   */
  public void ensure(
      String tag, String dockerfile, Map<String, byte[]> context, Consumer<String> buildLog) {
    if (context.containsKey("Dockerfile")) {
      throw new IllegalArgumentException("The build context must not hold its own Dockerfile");
    }
    try {
      if (exists(tag)) {
        return;
      }
      synchronized (tagLocks.computeIfAbsent(tag, key -> new Object())) {
        // A concurrent caller may have built it while this one waited.
        if (!exists(tag)) {
          build(tag, dockerfile, context, buildLog);
        }
      }
    } catch (DockerException e) {
      throw new LaunchException("Docker could not build image " + tag + ": " + e.getMessage(), e);
    }
  }

  /**
   * Pushes the image {@code tag}, whose name starts with its registry ({@code
   * registry.example.com/kiln-env:<hash>}), with the credentials the engine's client configuration
   * holds for that registry ({@code docker login}). Layers the registry has are not sent again.
   *
   * @param log receives the push's progress, a line per layer step
   * @throws LaunchException when the registry refuses the push or cannot be reached
   */
  public void push(String tag, Consumer<String> log) {
    int colon = tag.lastIndexOf(':');
    if (colon < 0 || tag.indexOf('/', colon) >= 0) {
      throw new IllegalArgumentException("Image '" + tag + "' names no tag to push");
    }
    PushOutput output = new PushOutput(log);
    try {
      docker
          .pushImageCmd(tag.substring(0, colon))
          .withTag(tag.substring(colon + 1))
          .exec(output)
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("Interrupted while pushing image " + tag, e);
    } catch (DockerException e) {
      throw new LaunchException("Docker could not push image " + tag + ": " + e.getMessage(), e);
    }
    if (output.failure != null) {
      throw new LaunchException("Pushing image " + tag + " failed: " + output.failure);
    }
  }

  /** Whether the engine has an image with this tag. */
  public boolean exists(String tag) {
    try {
      docker.inspectImageCmd(tag).exec();
      return true;
    } catch (NotFoundException absent) {
      return false;
    }
  }

  /**
   * The Dockerfile of an environment: {@code FROM baseImage}, then, when there are requirements,
   * {@link #REQUIREMENTS_FILE} (see {@link #environmentContext}) installed with pip. The host's pip
   * index settings arrive as build arguments and stay out of the image.
   */
  public static String environmentDockerfile(String baseImage, List<String> pipRequirements) {
    if (baseImage == null || baseImage.isBlank() || baseImage.matches(".*\\s.*")) {
      throw new IllegalArgumentException("Base image '" + baseImage + "' is not an image name");
    }
    StringBuilder dockerfile = new StringBuilder("FROM ").append(baseImage).append('\n');
    if (pipRequirements.isEmpty()) {
      return dockerfile.toString();
    }
    for (String setting : PIP_SETTINGS) {
      dockerfile.append("ARG ").append(setting).append('\n');
    }
    return dockerfile
        .append("COPY ")
        .append(REQUIREMENTS_FILE)
        .append(" /tmp/kiln-requirements.txt\n")
        .append("RUN python3 -m pip install --no-input --no-cache-dir")
        .append(" --disable-pip-version-check -r /tmp/kiln-requirements.txt")
        .append(" && rm /tmp/kiln-requirements.txt\n")
        .toString();
  }

  /** The build context that goes with {@link #environmentDockerfile}: the requirements file. */
  public static Map<String, byte[]> environmentContext(List<String> pipRequirements) {
    if (pipRequirements.isEmpty()) {
      return Map.of();
    }
    for (String requirement : pipRequirements) {
      if (requirement.contains("\n") || requirement.contains("\r")) {
        throw new IllegalArgumentException(
            "A pip requirement must be one line: '" + requirement + "'");
      }
    }
    String content = String.join("\n", pipRequirements) + "\n";
    return Map.of(REQUIREMENTS_FILE, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The tag of an environment's image, {@code kiln-env:} and the first 32 hex digits of {@code
   * contentHash} (lower case).
   */
  public static String environmentTag(String contentHash) {
    if (contentHash == null || !HEX.matcher(contentHash).matches()) {
      throw new IllegalArgumentException(
          "An environment's content hash must be at least 32 hex digits: '" + contentHash + "'");
    }
    return ENVIRONMENT_REPOSITORY + ":" + contentHash.substring(0, 32).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void build(
      String tag, String dockerfile, Map<String, byte[]> context, Consumer<String> buildLog) {
    Map<String, byte[]> files = new LinkedHashMap<>(context);
    files.put("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
    BuildImageCmd command =
        docker
            .buildImageCmd()
            .withTarInputStream(new ByteArrayInputStream(Tars.of(List.of(), files)))
            .withTags(Set.of(tag))
            .withLabels(Map.of(IMAGE_LABEL, "true"))
            .withNetworkMode("host")
            .withPull(false)
            .withRemove(true)
            .withForcerm(true);
    buildArgs.forEach(command::withBuildArg);
    BuildOutput output = command.exec(new BuildOutput(buildLog));
    try {
      output.awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("Interrupted while building image " + tag, e);
    }
    if (output.requestError != null && !(output.requestError instanceof BadRequestException)) {
      throw new LaunchException(
          "Docker could not build image " + tag + ": " + output.requestError.getMessage(),
          output.requestError);
    }
    if (output.failure != null || !exists(tag)) {
      String reason = output.failure == null ? "the image was not tagged" : output.failure;
      throw new EnvironmentBuildException(
          "Building image " + tag + " failed: " + reason, List.copyOf(output.lastLines));
    }
  }

  private void putIfSet(Map<String, String> hostEnvironment, String name) {
    String value = hostEnvironment.get(name);
    if (value != null && !value.isEmpty()) {
      buildArgs.put(name, value);
    }
  }

  /**
   * Passes the push's steps on (not its byte counts) and keeps its error, which arrives as an item.
   */
  private static final class PushOutput extends ResultCallback.Adapter<PushResponseItem> {
    private final Consumer<String> log;
    private volatile String failure;

    PushOutput(Consumer<String> log) {
      this.log = log;
    }

    @Override
    public void onNext(PushResponseItem item) {
      if (item.isErrorIndicated()) {
        failure =
            item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
      } else if (item.getStatus() != null && !"Pushing".equals(item.getStatus())) {
        log.accept(
            item.getId() == null ? item.getStatus() : item.getId() + ": " + item.getStatus());
      }
    }
  }

  /**
   * Collects the build's output and its error. A failing step arrives as an error item, not as a
   * failed request, so the library's own callback (which throws without the output) is not used.
   */
  private static final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {
    private static final int KEPT_LINES = 200;
    private final Consumer<String> buildLog;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private volatile String failure;
    private volatile Throwable requestError;

    BuildOutput(Consumer<String> buildLog) {
      this.buildLog = buildLog;
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.getStream() != null) {
        for (String line : item.getStream().split("\r?\n")) {
          if (!line.isEmpty()) {
            keep(line);
            buildLog.accept(line);
          }
        }
      }
      if (item.isErrorIndicated()) {
        failure =
            item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
        keep(failure);
        buildLog.accept(failure);
      }
    }

    /** Keeps the end of the output: that is where pip says what went wrong. */
    private void keep(String line) {
      if (lastLines.size() == KEPT_LINES) {
        lastLines.removeFirst();
      }
      lastLines.addLast(line);
    }

    /** The engine refused the request (a bad Dockerfile: 400) or failed (unreachable, 500). */
    @Override
    public void onError(Throwable error) {
      requestError = error;
      failure = String.valueOf(error.getMessage());
      onComplete();
    }
  }
}
