package dev.kiln.launcher.kubernetes;

import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Kubernetes objects of one workload, built from its spec (no API calls here). */
final class WorkloadObjects {

  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  static final String WORKLOAD_LABEL = "kiln.dev/workload";
  static final String CONTAINER = "workload";
  static final String FILES_DIR = "/kiln/files";
  static final String WORK_DIR = "/kiln/work";

  /** A ConfigMap holds at most 1 MiB; leave room for its metadata. */
  static final int MAX_FILES_BYTES = 1_000_000;

  private WorkloadObjects() {}

  /** The ConfigMap that holds the spec's files, named {@code <id>-files}. */
  static String filesConfigMapName(String workloadId) {
    return workloadId + "-files";
  }

  /**
   * Refuses files a ConfigMap cannot hold: more than {@link #MAX_FILES_BYTES} in all (their names
   * are plain keys already, see {@link WorkloadSpec}).
   */
  static void requireStorable(Map<String, byte[]> files) {
    long total = 0;
    for (byte[] content : files.values()) {
      total += content.length;
    }
    if (total > MAX_FILES_BYTES) {
      throw new IllegalArgumentException(
          "Workload files take " + total + " bytes; a ConfigMap holds at most " + MAX_FILES_BYTES);
    }
  }

  static Map<String, String> labels(WorkloadSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.put(MANAGED_BY_LABEL, "kiln");
    labels.put(WORKLOAD_LABEL, spec.id());
    return labels;
  }

  static ConfigMap filesConfigMap(WorkloadSpec spec, String namespace) {
    Map<String, String> binaryData = new LinkedHashMap<>();
    // Binary data: the files are bytes (the runner, data), not necessarily UTF-8 text.
    spec.files()
        .forEach(
            (name, content) -> binaryData.put(name, Base64.getEncoder().encodeToString(content)));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(filesConfigMapName(spec.id()))
        .withNamespace(namespace)
        .withLabels(labels(spec))
        .endMetadata()
        .withBinaryData(binaryData)
        .build();
  }

  /** A Job that runs once: no retries, no restarts, kept after it ends (no TTL). */
  static Job job(WorkloadSpec spec, String namespace, long stopGraceSeconds) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(spec.id())
        .withNamespace(namespace)
        .withLabels(labels(spec))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withTemplate(podTemplate(spec, "Never", stopGraceSeconds))
        .endSpec()
        .build();
  }

  static Deployment deployment(WorkloadSpec spec, String namespace, long stopGraceSeconds) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(spec.id())
        .withNamespace(namespace)
        .withLabels(labels(spec))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels(WORKLOAD_LABEL, spec.id())
        .endSelector()
        .withTemplate(podTemplate(spec, "Always", stopGraceSeconds))
        .endSpec()
        .build();
  }

  /** A ClusterIP Service named by the id, on the service's port. */
  static Service service(WorkloadSpec spec, String namespace) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(spec.id())
        .withNamespace(namespace)
        .withLabels(labels(spec))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .addToSelector(WORKLOAD_LABEL, spec.id())
        .addNewPort()
        .withName("http")
        .withPort(spec.port())
        .withNewTargetPort(spec.port())
        .endPort()
        .endSpec()
        .build();
  }

  /**
   * A headless Service named by the id that selects the job's pod, so that the id resolves to the
   * pod's address in the cluster's DNS: a distributed job's instances find instance 0 (their {@code
   * MASTER_ADDR}) by its workload id. Not-ready addresses are published because rank 0 must be
   * reachable while it waits for the others, before any readiness. No ports: a headless Service
   * needs none for its DNS A records.
   */
  static Service headlessService(WorkloadSpec spec, String namespace) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(spec.id())
        .withNamespace(namespace)
        .withLabels(labels(spec))
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .addToSelector(WORKLOAD_LABEL, spec.id())
        .withPublishNotReadyAddresses(true)
        .endSpec()
        .build();
  }

  private static PodTemplateSpec podTemplate(
      WorkloadSpec spec, String restartPolicy, long stopGraceSeconds) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels(spec))
        .endMetadata()
        .withSpec(podSpec(spec, restartPolicy, stopGraceSeconds))
        .build();
  }

  /**
   * No service links and no API token: the workload's environment is exactly the spec's, and user
   * code gets no credentials for the cluster.
   */
  private static PodSpec podSpec(WorkloadSpec spec, String restartPolicy, long stopGraceSeconds) {
    return new PodSpecBuilder()
        .withRestartPolicy(restartPolicy)
        .withEnableServiceLinks(false)
        .withAutomountServiceAccountToken(false)
        .withTerminationGracePeriodSeconds(stopGraceSeconds)
        .withContainers(container(spec))
        .addNewVolume()
        .withName("files")
        .withNewConfigMap()
        .withName(filesConfigMapName(spec.id()))
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("work")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .build();
  }

  private static Container container(WorkloadSpec spec) {
    // Sorted by name: the same spec always makes the same pod spec.
    List<EnvVar> env =
        spec.environment().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(variable -> new EnvVar(variable.getKey(), variable.getValue(), null))
            .toList();
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(spec.image())
            // "command" replaces the image's entrypoint and drops its arguments: exec form, as is.
            .withCommand(spec.command())
            .withEnv(env)
            .withWorkingDir(WORK_DIR)
            .withResources(resources(spec.resources()))
            .addNewVolumeMount()
            .withName("files")
            .withMountPath(FILES_DIR)
            .withReadOnly(true)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("work")
            .withMountPath(WORK_DIR)
            .endVolumeMount();
    if (spec.port() > 0) {
      container.addNewPort().withName("http").withContainerPort(spec.port()).endPort();
    }
    return container.build();
  }

  /** Requests equal to limits: the workload gets what it asked for and nothing more. */
  private static ResourceRequirements resources(Resources resources) {
    Map<String, Quantity> amounts = new LinkedHashMap<>();
    if (resources.cpus() > 0) {
      amounts.put("cpu", new Quantity(BigDecimal.valueOf(resources.cpus()).toPlainString()));
    }
    if (resources.memoryMb() > 0) {
      amounts.put("memory", new Quantity(resources.memoryMb() + "Mi"));
    }
    if (resources.gpus() > 0) {
      amounts.put("nvidia.com/gpu", new Quantity(Integer.toString(resources.gpus())));
    }
    return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build();
  }
}
