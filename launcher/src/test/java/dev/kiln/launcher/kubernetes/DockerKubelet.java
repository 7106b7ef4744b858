package dev.kiln.launcher.kubernetes;

import dev.kiln.launcher.LaunchException;
import dev.kiln.launcher.LogStream;
import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import dev.kiln.launcher.docker.DockerLauncher;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A test-side stand-in for the Job and Deployment controllers and the kubelet over the fabric8 mock
 * API server, where nothing runs pods by itself.
 *
 * <p>It creates a pod for each Job (unless suspended) and each Deployment with replicas, and runs
 * every pod's container as a Docker container (through {@link DockerLauncher}, with the image,
 * command and environment of the pod spec and the files of its ConfigMap volume), then writes the
 * pod's and the Job's status back as the real controllers would. Suspending a Job or scaling a
 * Deployment to zero stops and deletes its pods without failing the Job. {@link #log} serves a
 * pod's log to the mock server: the whole log so far, since the mock cannot stream a response.
 *
 * <p>The mock server answers every request on one event-loop thread, so {@link #log} must not wait
 * for Docker: a slow Docker call there stalls the whole API server (a 10 s client timeout on an
 * unrelated request). The reconciliation loop copies each started container's log into memory
 * instead, and copies it one last time before it reports the container ended, so a reader who sees
 * the pod ended finds its whole log.
 *
 * <p>Docker gives the pod the paths the pod spec asks for ({@code /kiln/files}, {@code
 * /kiln/work}); a pod spec with other mounts is failed with {@code CreateContainerConfigError}, so
 * a launcher that builds its volumes wrong fails the contract suite rather than being papered over.
 */
final class DockerKubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final DockerLauncher docker;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, String> logs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private volatile Throwable lastError;

  DockerKubelet(KubernetesClient client, String namespace, String dockerHost) {
    this.client = client;
    this.namespace = namespace;
    this.docker = new DockerLauncher(dockerHost);
  }

  void start() {
    loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, 50, TimeUnit.MILLISECONDS);
  }

  /** The last error of a reconciliation round, for a failing test's message. */
  Throwable lastError() {
    return lastError;
  }

  /** The pod log endpoint: 200 with the log so far, or 400 while the container has not started. */
  MockResponse log(String podName) {
    String log = logs.get(podName);
    if (log == null) {
      return new MockResponse()
          .setResponseCode(400)
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,"
                  + "\"message\":\"container \\\"workload\\\" in pod \\\""
                  + podName
                  + "\\\" is waiting to start\"}");
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "text/plain")
        .setBody(log.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running.forEach(docker::remove);
    docker.close();
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      // Objects change under the loop (a test removes them); the next round starts afresh.
      lastError = e;
    }
  }

  private void reconcile() {
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
      reconcileJob(job, podsOf(pods, job.getMetadata().getName()));
    }
    for (Deployment deployment :
        client.apps().deployments().inNamespace(namespace).list().getItems()) {
      List<Pod> owned = podsOf(pods, deployment.getMetadata().getName());
      Integer replicas = deployment.getSpec().getReplicas();
      if (replicas != null && replicas == 0) {
        owned.forEach(this::deletePod);
      } else if (owned.isEmpty()) {
        createPod(deployment.getMetadata().getName(), deployment.getSpec().getTemplate());
      }
    }
    Set<String> present = ConcurrentHashMap.newKeySet();
    for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
      present.add(pod.getMetadata().getName());
      runPod(pod);
    }
    for (String name : running) {
      if (!present.contains(name)) {
        docker.remove(name);
        running.remove(name);
        logs.remove(name);
      }
    }
  }

  private void reconcileJob(Job job, List<Pod> pods) {
    String name = job.getMetadata().getName();
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      pods.forEach(this::deletePod);
      return;
    }
    boolean decided =
        job.getStatus() != null
            && (job.getStatus().getSucceeded() != null || job.getStatus().getFailed() != null);
    if (decided) {
      return;
    }
    if (pods.isEmpty()) {
      createPod(name, job.getSpec().getTemplate());
      return;
    }
    WorkloadStatus podStatus = WorkloadStatuses.ofPod(pods.get(0));
    if (podStatus.state() == WorkloadState.SUCCEEDED || podStatus.state() == WorkloadState.FAILED) {
      boolean succeeded = podStatus.state() == WorkloadState.SUCCEEDED;
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(
              current -> {
                if (current.getStatus() == null) {
                  current.setStatus(new JobStatus());
                }
                current.getStatus().setSucceeded(succeeded ? 1 : null);
                current.getStatus().setFailed(succeeded ? null : 1);
                current
                    .getStatus()
                    .setConditions(
                        List.of(
                            new JobConditionBuilder()
                                .withType(succeeded ? "Complete" : "Failed")
                                .withStatus("True")
                                .withReason(succeeded ? null : "BackoffLimitExceeded")
                                .withMessage(
                                    succeeded
                                        ? null
                                        : "Job has reached the specified backoff limit")
                                .build()));
                return current;
              });
    }
  }

  private static List<Pod> podsOf(List<Pod> pods, String owner) {
    List<Pod> owned = new ArrayList<>();
    for (Pod pod : pods) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (labels != null && owner.equals(labels.get(WorkloadObjects.WORKLOAD_LABEL))) {
        owned.add(pod);
      }
    }
    return owned;
  }

  private void createPod(String owner, PodTemplateSpec template) {
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    labels.put("job-name", owner);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(owner + "-" + UUID.randomUUID().toString().substring(0, 5))
            .withNamespace(namespace)
            .withLabels(labels)
            .withCreationTimestamp(Instant.now().toString())
            .endMetadata()
            .withSpec(template.getSpec())
            .withNewStatus()
            .withPhase("Pending")
            .endStatus()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();
  }

  private void deletePod(Pod pod) {
    String name = pod.getMetadata().getName();
    if (running.remove(name)) {
      docker.stop(name);
      docker.remove(name);
    }
    logs.remove(name);
    client.pods().inNamespace(namespace).withName(name).delete();
  }

  /** Starts the pod's container once, then mirrors the container's state into the pod status. */
  private void runPod(Pod pod) {
    String name = pod.getMetadata().getName();
    WorkloadStatus current = WorkloadStatuses.ofPod(pod);
    if (current.state().ended()) {
      return;
    }
    if (!running.contains(name)) {
      try {
        docker.launch(dockerSpec(pod));
        running.add(name);
      } catch (LaunchException | IllegalArgumentException e) {
        writeStatus(
            pod,
            waiting(
                e instanceof LaunchException ? "ErrImagePull" : "CreateContainerConfigError",
                e.getMessage()),
            "Pending");
        return;
      }
    }
    docker
        .status(name)
        .ifPresent(
            status -> {
              if (status.state() != WorkloadState.PENDING) {
                logs.put(name, dockerLog(name));
              }
              writeStatus(pod, containerStatus(status), phase(status));
            });
  }

  private String dockerLog(String container) {
    StringBuilder log = new StringBuilder();
    try (LogStream lines = docker.logs(container, false)) {
      for (String line = lines.nextLine(); line != null; line = lines.nextLine()) {
        log.append(line).append('\n');
      }
    }
    return log.toString();
  }

  /** The pod's container as a Docker workload; refuses mounts other than the launcher's layout. */
  private WorkloadSpec dockerSpec(Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume =
          pod.getSpec().getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("No volume " + mount.getName()));
      if (volume.getConfigMap() != null && "/kiln/files".equals(mount.getMountPath())) {
        ConfigMap configMap =
            client
                .configMaps()
                .inNamespace(namespace)
                .withName(volume.getConfigMap().getName())
                .get();
        if (configMap == null) {
          throw new IllegalArgumentException(
              "ConfigMap " + volume.getConfigMap().getName() + " not found");
        }
        if (configMap.getBinaryData() != null) {
          configMap
              .getBinaryData()
              .forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
        }
        if (configMap.getData() != null) {
          configMap
              .getData()
              .forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
        }
      } else if (volume.getEmptyDir() == null
          || !"/kiln/work".equals(mount.getMountPath())
          || !"/kiln/work".equals(container.getWorkingDir())) {
        throw new IllegalArgumentException("Unsupported mount " + mount + " of " + volume);
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar variable : container.getEnv()) {
      env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
    }
    return WorkloadSpec.job(
        pod.getMetadata().getName(),
        container.getImage(),
        container.getCommand(),
        env,
        files,
        Resources.NONE,
        Map.of("kiln.test/mock-kubelet", "true"));
  }

  private void writeStatus(Pod pod, ContainerStatus container, String phase) {
    PodStatus wanted =
        new PodStatusBuilder().withPhase(phase).withContainerStatuses(container).build();
    if (wanted.equals(pod.getStatus())) {
      return;
    }
    try {
      client
          .pods()
          .inNamespace(namespace)
          .resource(new PodBuilder(pod).withStatus(wanted).build())
          .updateStatus();
    } catch (KubernetesClientException conflictOrGone) {
      // The pod changed or was deleted meanwhile: the next round looks again.
    }
  }

  private static ContainerStatus containerStatus(WorkloadStatus status) {
    ContainerStatusBuilder container =
        new ContainerStatusBuilder().withName(WorkloadObjects.CONTAINER).withImage("mock");
    switch (status.state()) {
      case PENDING ->
          container
              .withNewState()
              .withNewWaiting()
              .withReason("ContainerCreating")
              .endWaiting()
              .endState();
      case RUNNING ->
          container.withReady(true).withNewState().withNewRunning().endRunning().endState();
      default ->
          container
              .withNewState()
              .withNewTerminated()
              .withExitCode(status.exitCode() == null ? 137 : status.exitCode())
              .withReason(status.state() == WorkloadState.SUCCEEDED ? "Completed" : "Error")
              .endTerminated()
              .endState();
    }
    return container.build();
  }

  private static ContainerStatus waiting(String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(WorkloadObjects.CONTAINER)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .build();
  }

  private static String phase(WorkloadStatus status) {
    return switch (status.state()) {
      case PENDING -> "Pending";
      case RUNNING -> "Running";
      case SUCCEEDED -> "Succeeded";
      default -> "Failed";
    };
  }
}
