package dev.kiln.launcher.kubernetes;

import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.Optional;
import java.util.Set;

/** Maps Jobs, Deployments and their pods to the launcher's states (no API calls here). */
final class WorkloadStatuses {

  /** Set on a Job or Deployment by {@code stop}: the only record that it was stopped. */
  static final String STOPPED_ANNOTATION = "kiln.dev/stopped";

  /**
   * Reasons a container waits that will not resolve by themselves: the image cannot be pulled or
   * the container cannot be created. The kubelet keeps retrying, but the workload has failed.
   */
  private static final Set<String> FAILED_WAITING_REASONS =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "ErrImageNeverPull",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  private WorkloadStatuses() {}

  static boolean stopped(HasMetadata object) {
    return object.getMetadata().getAnnotations() != null
        && "true".equals(object.getMetadata().getAnnotations().get(STOPPED_ANNOTATION));
  }

  /**
   * A Job's state: its conditions once the Job controller decided; before that the stop marker,
   * then what its pod shows (the pod ends before the Job's conditions catch up).
   */
  static WorkloadStatus ofJob(Job job, Optional<Pod> pod) {
    JobStatus status = job.getStatus();
    if (hasCondition(job, "Complete") || (status != null && positive(status.getSucceeded()))) {
      return new WorkloadStatus(WorkloadState.SUCCEEDED, 0, null);
    }
    Optional<JobCondition> failed = condition(job, "Failed");
    if (failed.isPresent() || (status != null && positive(status.getFailed()))) {
      Optional<ContainerStateTerminated> exit = pod.flatMap(WorkloadStatuses::terminated);
      if (exit.isPresent() && exit.get().getExitCode() != null && exit.get().getExitCode() != 0) {
        return ofTerminated(exit.get());
      }
      // No exit code to tell (deadline exceeded, pod deleted): the Job controller's reason.
      String message = failed.map(c -> join(c.getReason(), c.getMessage())).orElse(null);
      return new WorkloadStatus(
          WorkloadState.FAILED,
          exit.map(ContainerStateTerminated::getExitCode).orElse(null),
          message == null ? "The Job failed" : message);
    }
    if (stopped(job)) {
      return WorkloadStatus.of(WorkloadState.STOPPED);
    }
    return pod.map(WorkloadStatuses::ofPod).orElse(WorkloadStatus.of(WorkloadState.PENDING));
  }

  /** A service's state: stopped, or what its (newest) pod shows. */
  static WorkloadStatus ofDeployment(Deployment deployment, Optional<Pod> pod) {
    if (stopped(deployment)) {
      return WorkloadStatus.of(WorkloadState.STOPPED);
    }
    return pod.map(WorkloadStatuses::ofService).orElse(WorkloadStatus.of(WorkloadState.PENDING));
  }

  /** A job's pod: ended by its container's exit code, failed when it cannot start. */
  static WorkloadStatus ofPod(Pod pod) {
    Optional<ContainerStatus> container = container(pod);
    Optional<ContainerStateTerminated> terminated = terminated(pod);
    if (terminated.isPresent()) {
      return ofTerminated(terminated.get());
    }
    Optional<WorkloadStatus> cannotStart = container.flatMap(WorkloadStatuses::cannotStart);
    if (cannotStart.isPresent()) {
      return cannotStart.get();
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Succeeded".equals(phase)) {
      return new WorkloadStatus(WorkloadState.SUCCEEDED, 0, null);
    }
    if ("Failed".equals(phase)) {
      return new WorkloadStatus(
          WorkloadState.FAILED,
          null,
          join(pod.getStatus().getReason(), pod.getStatus().getMessage()));
    }
    boolean running =
        container.map(ContainerStatus::getState).map(ContainerState::getRunning).isPresent()
            || "Running".equals(phase);
    return WorkloadStatus.of(running ? WorkloadState.RUNNING : WorkloadState.PENDING);
  }

  /**
   * A service's pod restarts when its process exits, so an exit is a failure only while the kubelet
   * backs off from restarting it.
   */
  private static WorkloadStatus ofService(Pod pod) {
    Optional<ContainerStatus> container = container(pod);
    Optional<ContainerStateWaiting> waiting =
        container.map(ContainerStatus::getState).map(ContainerState::getWaiting);
    if (waiting.isPresent() && "CrashLoopBackOff".equals(waiting.get().getReason())) {
      Integer lastExit =
          container
              .map(ContainerStatus::getLastState)
              .map(ContainerState::getTerminated)
              .map(ContainerStateTerminated::getExitCode)
              .orElse(null);
      return new WorkloadStatus(
          WorkloadState.FAILED, lastExit, join("CrashLoopBackOff", waiting.get().getMessage()));
    }
    WorkloadStatus status = ofPod(pod);
    return status.state().ended() ? WorkloadStatus.of(WorkloadState.PENDING) : status;
  }

  private static WorkloadStatus ofTerminated(ContainerStateTerminated terminated) {
    Integer exitCode = terminated.getExitCode();
    if (exitCode != null && exitCode == 0) {
      return new WorkloadStatus(WorkloadState.SUCCEEDED, 0, null);
    }
    String message =
        "OOMKilled".equals(terminated.getReason())
            ? "Killed: the container ran out of memory"
            : null;
    return new WorkloadStatus(WorkloadState.FAILED, exitCode, message);
  }

  private static Optional<WorkloadStatus> cannotStart(ContainerStatus container) {
    ContainerStateWaiting waiting =
        container.getState() == null ? null : container.getState().getWaiting();
    if (waiting == null || !FAILED_WAITING_REASONS.contains(waiting.getReason())) {
      return Optional.empty();
    }
    return Optional.of(
        new WorkloadStatus(
            WorkloadState.FAILED, null, join(waiting.getReason(), waiting.getMessage())));
  }

  static Optional<ContainerStatus> container(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> WorkloadObjects.CONTAINER.equals(status.getName()))
        .findFirst();
  }

  /** Whether the pod's container has started, so that it has logs to read. */
  static boolean started(Pod pod) {
    return container(pod)
        .map(ContainerStatus::getState)
        .filter(state -> state.getRunning() != null || state.getTerminated() != null)
        .isPresent();
  }

  private static Optional<ContainerStateTerminated> terminated(Pod pod) {
    return container(pod).map(ContainerStatus::getState).map(ContainerState::getTerminated);
  }

  private static boolean hasCondition(Job job, String type) {
    return condition(job, type).isPresent();
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static boolean positive(Integer count) {
    return count != null && count > 0;
  }

  private static String join(String reason, String message) {
    if (message == null || message.isBlank()) {
      return reason;
    }
    return reason == null ? message : reason + ": " + message;
  }
}
