package dev.kiln.launcher.kubernetes;

import static dev.kiln.launcher.kubernetes.WorkloadObjects.WORKLOAD_LABEL;

import dev.kiln.launcher.LaunchException;
import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.LogStream;
import dev.kiln.launcher.WorkloadIds;
import dev.kiln.launcher.WorkloadKind;
import dev.kiln.launcher.WorkloadLayout;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * Runs each workload on Kubernetes: a JOB as a {@code batch/v1} Job with a headless Service ({@code
 * clusterIP: None}, publishing not-ready addresses) that selects its pod, a SERVICE as a Deployment
 * of one replica behind a ClusterIP Service, all named by the workload id and labelled {@code
 * app.kubernetes.io/managed-by=kiln} and {@code kiln.dev/workload=<id>}. The headless Service makes
 * the workload id resolve to the job's pod in the cluster's DNS, so the instances of a distributed
 * job reach instance 0 (their {@code MASTER_ADDR}) by its id. The spec's files are in a ConfigMap
 * {@code <id>-files}, mounted read-only at {@code /kiln/files}; {@code /kiln/work} is an emptyDir
 * and the working folder.
 *
 * <p>Stateless: everything is read back from the cluster. {@link #stop} keeps the Job (or
 * Deployment) and records the stop on it: it annotates it {@code kiln.dev/stopped=true} and, in the
 * same update, suspends the Job ({@code spec.suspend}; the Job controller then terminates its pod
 * without counting a failure) or scales the Deployment to zero. So any launcher reports {@code
 * STOPPED} from then on, also after the pod is gone. {@link #remove} deletes everything, the
 * Service included.
 *
 * <p>The launcher does not own the client: {@link #close()} leaves it open.
 */
public class KubernetesLauncher implements Launcher {

  private final KubernetesClient client;
  private final String namespace;
  private final long stopGraceSeconds;

  /** A launcher in {@code namespace} whose stopped workloads get 10 s to exit. */
  public KubernetesLauncher(KubernetesClient client, String namespace) {
    this(client, namespace, Duration.ofSeconds(10));
  }

  /**
   * @param stopGrace the pods' termination grace period: how long a stopped workload has between
   *     SIGTERM and SIGKILL
   */
  public KubernetesLauncher(KubernetesClient client, String namespace, Duration stopGrace) {
    this.client = client;
    this.namespace = namespace;
    this.stopGraceSeconds = Math.max(0, stopGrace.toSeconds());
  }

  @Override
  public String backend() {
    return "kubernetes";
  }

  @Override
  public WorkloadLayout layout(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    return new WorkloadLayout(WorkloadObjects.FILES_DIR, WorkloadObjects.WORK_DIR);
  }

  @Override
  public void launch(WorkloadSpec spec) {
    if (spec.image() == null || spec.image().isBlank()) {
      throw new IllegalArgumentException("The Kubernetes backend needs an image");
    }
    if (spec.kind() == WorkloadKind.SERVICE && (spec.port() < 1 || spec.port() > 65535)) {
      throw new IllegalArgumentException("A service needs a port between 1 and 65535");
    }
    WorkloadObjects.requireStorable(spec.files());
    try {
      if (workloadObject(spec.id()).isPresent()) {
        return;
      }
      // The files first, so that the pod finds them; replacing them is harmless while no Job
      // or Deployment exists (a launch that crashed half-way).
      client
          .configMaps()
          .inNamespace(namespace)
          .resource(WorkloadObjects.filesConfigMap(spec, namespace))
          .createOr(NonDeletingOperation::update);
      if (spec.kind() == WorkloadKind.JOB) {
        // The Service before the Job: an existing Job ends a launch above, so a launch that
        // crashed half-way is completed by the next one only if the Job comes last.
        createIfAbsent(WorkloadObjects.headlessService(spec, namespace));
        createIfAbsent(WorkloadObjects.job(spec, namespace, stopGraceSeconds));
      } else {
        createIfAbsent(WorkloadObjects.deployment(spec, namespace, stopGraceSeconds));
        createIfAbsent(WorkloadObjects.service(spec, namespace));
      }
    } catch (KubernetesClientException e) {
      throw new LaunchException(
          "Kubernetes refused workload " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<WorkloadStatus> status(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    return workloadObject(workloadId).map(object -> statusOf(object, workloadId));
  }

  private WorkloadStatus statusOf(HasMetadata object, String workloadId) {
    return object instanceof Job job
        ? WorkloadStatuses.ofJob(job, newestPod(workloadId))
        : WorkloadStatuses.ofDeployment((Deployment) object, newestPod(workloadId));
  }

  @Override
  public LogStream logs(String workloadId, boolean follow) {
    WorkloadIds.requireValid(workloadId);
    return new KubernetesLogStream(
        () -> newestPod(workloadId),
        pod ->
            client
                .pods()
                .inNamespace(namespace)
                .withName(pod)
                .inContainer(WorkloadObjects.CONTAINER)
                // Our stream checks that the container started; fabric8 need not wait for it.
                .withReadyWaitTimeout(0),
        () -> status(workloadId).map(status -> status.state().ended()).orElse(true),
        follow);
  }

  @Override
  public void stop(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    Optional<HasMetadata> object = workloadObject(workloadId);
    // A stopped workload reads as STOPPED, which has ended too.
    if (object.isEmpty() || statusOf(object.get(), workloadId).state().ended()) {
      return;
    }
    try {
      if (object.get() instanceof Job) {
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withName(workloadId)
            .edit(
                job ->
                    new JobBuilder(job)
                        .editMetadata()
                        .addToAnnotations(WorkloadStatuses.STOPPED_ANNOTATION, "true")
                        .endMetadata()
                        .editSpec()
                        .withSuspend(true)
                        .endSpec()
                        .build());
      } else {
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(workloadId)
            .edit(
                deployment ->
                    new DeploymentBuilder(deployment)
                        .editMetadata()
                        .addToAnnotations(WorkloadStatuses.STOPPED_ANNOTATION, "true")
                        .endMetadata()
                        .editSpec()
                        .withReplicas(0)
                        .endSpec()
                        .build());
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw new LaunchException("Kubernetes could not stop " + workloadId, e);
      }
    }
  }

  @Override
  public void remove(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    // Background propagation: the Job and Deployment are gone at once (status answers empty);
    // their pods are deleted below and by the garbage collector. Both kinds have a Service of
    // the workload's name (headless for a JOB).
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName(workloadId)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(workloadId)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
    client.services().inNamespace(namespace).withName(workloadId).delete();
    client.pods().inNamespace(namespace).withLabel(WORKLOAD_LABEL, workloadId).delete();
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(WorkloadObjects.filesConfigMapName(workloadId))
        .delete();
  }

  /** The workload's Job, else its Deployment; one being deleted counts as gone. */
  private Optional<HasMetadata> workloadObject(String workloadId) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(workloadId).get();
    if (job != null && job.getMetadata().getDeletionTimestamp() == null) {
      return Optional.of(job);
    }
    Deployment deployment =
        client.apps().deployments().inNamespace(namespace).withName(workloadId).get();
    if (deployment != null && deployment.getMetadata().getDeletionTimestamp() == null) {
      return Optional.of(deployment);
    }
    return Optional.empty();
  }

  private Optional<Pod> newestPod(String workloadId) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(WORKLOAD_LABEL, workloadId)
        .list()
        .getItems()
        .stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .max(
            Comparator.comparing(
                    (Pod pod) ->
                        pod.getMetadata().getCreationTimestamp() == null
                            ? ""
                            : pod.getMetadata().getCreationTimestamp())
                .thenComparing(pod -> pod.getMetadata().getName()));
  }

  private void createIfAbsent(HasMetadata object) {
    try {
      client.resource(object).inNamespace(namespace).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // A concurrent launch of the same id created it first.
    }
  }
}
