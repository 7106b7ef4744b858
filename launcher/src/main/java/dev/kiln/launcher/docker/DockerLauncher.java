package dev.kiln.launcher.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.kiln.launcher.LaunchException;
import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.LogStream;
import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadIds;
import dev.kiln.launcher.WorkloadLayout;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each workload as one container named by the workload id, on the host's network (the engine
 * may have no bridge), with {@code /kiln/files} holding the spec's files and {@code /kiln/work} as
 * the empty working folder.
 *
 * <p>A SERVICE is a container like a job's that runs until stopped; on the host's network it
 * listens on its port directly.
 *
 * <p>Stateless: the container's name, labels and state are all it reads. That a workload was
 * stopped (rather than killed by something else) is recorded as a marker file {@code /kiln/stopped}
 * inside the container, written before the engine stops it, so any launcher can tell {@link
 * WorkloadState#STOPPED} from a failure later.
 */
public class DockerLauncher implements Launcher {

  /** The label that marks every container this launcher made, with the workload id. */
  public static final String WORKLOAD_LABEL = "kiln.workload";

  static final String FILES_DIR = "/kiln/files";
  static final String WORK_DIR = "/kiln/work";
  private static final String STOPPED_MARKER = "/kiln/stopped";
  private static final String NEVER = "0001-01-01T00:00:00Z";

  private final DockerClient docker;
  private final Duration stopGrace;

  /** A launcher on the engine at {@code dockerHost}, giving stopped workloads 10 s to exit. */
  public DockerLauncher(String dockerHost) {
    this(dockerHost, Duration.ofSeconds(10));
  }

  /**
   * A launcher on the engine at {@code dockerHost} ({@code unix:///var/run/docker.sock} when null
   * or blank).
   *
   * @param stopGrace how long a stopped workload has between SIGTERM and SIGKILL
   */
  public DockerLauncher(String dockerHost, Duration stopGrace) {
    this.docker = DockerClients.open(dockerHost);
    this.stopGrace = stopGrace;
  }

  @Override
  public String backend() {
    return "docker";
  }

  @Override
  public WorkloadLayout layout(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    return new WorkloadLayout(FILES_DIR, WORK_DIR);
  }

  @Override
  public void launch(WorkloadSpec spec) {
    if (spec.image() == null || spec.image().isBlank()) {
      throw new IllegalArgumentException("The Docker backend needs an image");
    }
    try {
      Optional<InspectContainerResponse> existing = inspect(spec.id());
      if (existing.isEmpty()) {
        ensureImage(spec.image());
        create(spec);
      } else if (!neverStarted(existing.get()) || hasStoppedMarker(spec.id())) {
        return;
      }
      // A fresh container, or one an earlier launch created but did not get to start.
      copyInto(spec.id(), filesArchive(spec));
      docker.startContainerCmd(spec.id()).exec();
    } catch (NotModifiedException alreadyStarted) {
      // A concurrent launch of the same id started it first.
    } catch (DockerException e) {
      throw new LaunchException(
          "Docker could not start workload " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<WorkloadStatus> status(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    return inspect(workloadId).map(container -> statusOf(workloadId, container.getState()));
  }

  @Override
  public LogStream logs(String workloadId, boolean follow) {
    WorkloadIds.requireValid(workloadId);
    if (inspect(workloadId).isEmpty()) {
      // No container, no output: the same answer as for a pod that does not exist (yet).
      DockerLogStream none = new DockerLogStream();
      none.onComplete();
      return none;
    }
    return docker
        .logContainerCmd(workloadId)
        .withStdOut(true)
        .withStdErr(true)
        .withFollowStream(follow)
        .withTimestamps(false)
        .withTailAll()
        .exec(new DockerLogStream());
  }

  @Override
  public void stop(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    Optional<InspectContainerResponse> container = inspect(workloadId);
    if (container.isEmpty() || ended(container.get().getState())) {
      return;
    }
    try {
      // The marker first: once the process is gone, only it tells a stop from a crash.
      copyInto(workloadId, Tars.of(List.of(), Map.of("kiln/stopped", new byte[0])));
      docker
          .stopContainerCmd(workloadId)
          .withTimeout((int) Math.max(1, stopGrace.toSeconds()))
          .exec();
    } catch (NotFoundException | NotModifiedException goneOrAlreadyStopped) {
      // Removed or ended meanwhile: nothing left to stop.
    }
  }

  @Override
  public void remove(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    try {
      docker.removeContainerCmd(workloadId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException alreadyGone) {
      // Idempotent by contract.
    } catch (ConflictException removalInProgress) {
      // The engine is already removing it.
    }
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void create(WorkloadSpec spec) {
    Map<String, String> labels = new HashMap<>(spec.labels());
    labels.put(WORKLOAD_LABEL, spec.id());
    List<String> env = new ArrayList<>();
    spec.environment().forEach((name, value) -> env.add(name + "=" + value));
    try {
      docker
          .createContainerCmd(spec.image())
          .withName(spec.id())
          .withLabels(labels)
          // The command as the entrypoint: it is the whole program, whatever entrypoint and
          // command the image declares (the engine drops the image's command with it).
          .withEntrypoint(spec.command())
          .withEnv(env)
          .withWorkingDir(WORK_DIR)
          .withHostConfig(hostConfig(spec.resources()))
          .exec();
    } catch (ConflictException createdConcurrently) {
      // Another launch of the same id won the race; the caller's start below is harmless.
    }
  }

  /**
   * Host network (the engine may run without a bridge) and an init process as PID 1, so that the
   * workload's own process receives the stop signal (the kernel drops SIGTERM sent to a PID 1
   * without a handler).
   */
  private static HostConfig hostConfig(Resources resources) {
    HostConfig host = HostConfig.newHostConfig().withNetworkMode("host").withInit(true);
    if (resources.cpus() > 0) {
      host.withNanoCPUs((long) (resources.cpus() * 1_000_000_000L));
    }
    if (resources.memoryMb() > 0) {
      long bytes = resources.memoryMb() * 1024 * 1024;
      // Swap equal to memory: the limit is a hard one, as on Kubernetes.
      host.withMemory(bytes).withMemorySwap(bytes);
    }
    if (resources.gpus() > 0) {
      host.withDeviceRequests(
          List.of(
              new DeviceRequest()
                  .withDriver("nvidia")
                  .withCount(resources.gpus())
                  .withCapabilities(List.of(List.of("gpu")))));
    }
    return host;
  }

  private void ensureImage(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return;
    } catch (NotFoundException missing) {
      // Pull it below.
    }
    QuietPull pull = docker.pullImageCmd(image).exec(new QuietPull());
    try {
      pull.awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("Interrupted while pulling image " + image, e);
    }
    if (pull.failure != null) {
      throw new LaunchException(
          "Image "
              + image
              + " is not on the Docker engine and could not be pulled: "
              + pull.failure.getMessage(),
          pull.failure);
    }
  }

  /**
   * Waits for a pull and keeps its failure for the caller, which reports it as a {@link
   * LaunchException}; the library's own callback would also log it as an error.
   */
  private static final class QuietPull extends ResultCallback.Adapter<PullResponseItem> {
    private volatile Throwable failure;

    @Override
    public void onNext(PullResponseItem item) {
      if (item.isErrorIndicated() && failure == null) {
        failure =
            new DockerClientException(
                item.getErrorDetail() != null
                    ? item.getErrorDetail().getMessage()
                    : item.getError());
      }
    }

    @Override
    public void onError(Throwable error) {
      failure = error;
      onComplete();
    }
  }

  private WorkloadStatus statusOf(String workloadId, ContainerState state) {
    String error = blankToNull(state.getError());
    if (!ended(state)) {
      if (!"created".equals(state.getStatus())) {
        return WorkloadStatus.of(WorkloadState.RUNNING);
      }
      if (hasStoppedMarker(workloadId)) {
        return WorkloadStatus.of(WorkloadState.STOPPED);
      }
      // A container whose start failed (no such executable) stays "created", with the reason.
      return error == null
          ? WorkloadStatus.of(WorkloadState.PENDING)
          : new WorkloadStatus(WorkloadState.FAILED, exitCode(state), error);
    }
    if (hasStoppedMarker(workloadId)) {
      return WorkloadStatus.of(WorkloadState.STOPPED);
    }
    Integer exitCode = exitCode(state);
    if (Boolean.TRUE.equals(state.getOOMKilled())) {
      return new WorkloadStatus(
          WorkloadState.FAILED, exitCode, "Killed: the container ran out of memory");
    }
    if (exitCode != null && exitCode == 0) {
      return new WorkloadStatus(WorkloadState.SUCCEEDED, 0, null);
    }
    return new WorkloadStatus(WorkloadState.FAILED, exitCode, error);
  }

  private static boolean ended(ContainerState state) {
    String status = state.getStatus();
    return "exited".equals(status) || "dead".equals(status) || "removing".equals(status);
  }

  private static boolean neverStarted(InspectContainerResponse container) {
    ContainerState state = container.getState();
    return "created".equals(state.getStatus())
        && blankToNull(state.getError()) == null
        && (state.getStartedAt() == null || NEVER.equals(state.getStartedAt()));
  }

  private static Integer exitCode(ContainerState state) {
    Long code = state.getExitCodeLong();
    return code == null ? null : code.intValue();
  }

  private boolean hasStoppedMarker(String workloadId) {
    try (InputStream marker =
        docker.copyArchiveFromContainerCmd(workloadId, STOPPED_MARKER).exec()) {
      return marker != null;
    } catch (NotFoundException absent) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<InspectContainerResponse> inspect(String workloadId) {
    try {
      return Optional.of(docker.inspectContainerCmd(workloadId).exec());
    } catch (NotFoundException absent) {
      return Optional.empty();
    }
  }

  private void copyInto(String workloadId, byte[] tar) {
    docker
        .copyArchiveToContainerCmd(workloadId)
        .withTarInputStream(new ByteArrayInputStream(tar))
        .withRemotePath("/")
        .exec();
  }

  private static byte[] filesArchive(WorkloadSpec spec) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    spec.files().forEach((name, content) -> files.put("kiln/files/" + name, content));
    return Tars.of(List.of("kiln", "kiln/files", "kiln/work"), files);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
