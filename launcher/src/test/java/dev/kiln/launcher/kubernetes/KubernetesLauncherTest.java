package dev.kiln.launcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.launcher.Resources;
import dev.kiln.launcher.WorkloadKind;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The objects the Kubernetes launcher writes and how it reads states back, against the fabric8 mock
 * API server in CRUD mode. Pod and Job statuses are written into the mock by hand, as the kubelet
 * and the Job controller would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesLauncherTest {

  private static final String NS = "kiln-jobs";
  private static final String AWKWARD = "it's \"quoted\" $HOME `x` \\ Grüße ☃\nsecond line";

  KubernetesClient client;
  private KubernetesLauncher launcher;

  @BeforeEach
  void createLauncher() {
    launcher = new KubernetesLauncher(client, NS, Duration.ofSeconds(7));
  }

  @Test
  void aJobRunsTheCommandAsIsWithItsEnvironmentFilesAndResources() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KILN_RUN_ID", "run-1");
    env.put("AWKWARD", AWKWARD);
    env.put("EMPTY", "");
    launcher.launch(
        WorkloadSpec.job(
            "train-1",
            "kiln-env:abc",
            List.of("python", "/kiln/files/kiln_runner.py", "--flag", AWKWARD),
            env,
            Map.of("kiln_runner.py", "print('hi')".getBytes(StandardCharsets.UTF_8)),
            new Resources(1.5, 512, 1),
            Map.of("kiln.dev/run", "run-1")));

    Job job = client.batch().v1().jobs().inNamespace(NS).withName("train-1").get();
    Map<String, String> labels =
        Map.of(
            "app.kubernetes.io/managed-by", "kiln",
            "kiln.dev/workload", "train-1",
            "kiln.dev/run", "run-1");
    assertThat(job.getMetadata().getLabels()).isEqualTo(labels);
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);

    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(7L);
    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("kiln-env:abc");
    assertThat(container.getCommand())
        .containsExactly("python", "/kiln/files/kiln_runner.py", "--flag", AWKWARD);
    assertThat(container.getArgs()).isEmpty();
    assertThat(container.getEnv())
        .containsExactly(
            new EnvVar("AWKWARD", AWKWARD, null),
            new EnvVar("EMPTY", "", null),
            new EnvVar("KILN_RUN_ID", "run-1", null));
    assertThat(container.getWorkingDir()).isEqualTo("/kiln/work");
    assertThat(container.getVolumeMounts())
        .extracting(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly())
        .containsExactlyInAnyOrder("files:/kiln/files:true", "work:/kiln/work:null");
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("files");
              assertThat(v.getConfigMap().getName()).isEqualTo("train-1-files");
            })
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("work");
              assertThat(v.getEmptyDir()).isNotNull();
            });
    Map<String, Quantity> amounts =
        Map.of(
            "cpu", new Quantity("1.5"),
            "memory", new Quantity("512Mi"),
            "nvidia.com/gpu", new Quantity("1"));
    assertThat(container.getResources().getRequests()).isEqualTo(amounts);
    assertThat(container.getResources().getLimits()).isEqualTo(amounts);
  }

  @Test
  void aJobGetsAHeadlessServiceOfItsIdThatPublishesItsPodBeforeItIsReady() {
    launcher.launch(
        WorkloadSpec.job(
            "dist-1-0",
            "kiln-env:abc",
            List.of("python", "x.py"),
            Map.of(),
            Map.of(),
            Resources.NONE,
            Map.of("kiln.dev/run", "run-1")));

    Service service = client.services().inNamespace(NS).withName("dist-1-0").get();

    assertThat(service.getMetadata().getLabels())
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/managed-by", "kiln",
                "kiln.dev/workload", "dist-1-0",
                "kiln.dev/run", "run-1"));
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getSelector())
        .containsExactly(Map.entry("kiln.dev/workload", "dist-1-0"));
    assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(service.getSpec().getPorts()).isEmpty();
    // The selector matches the labels of the Job's pod, so the name resolves to that pod.
    Job job = client.batch().v1().jobs().inNamespace(NS).withName("dist-1-0").get();
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
  }

  @Test
  void aLaunchThatCrashedAfterCreatingTheServiceIsCompletedByTheNext() {
    client
        .services()
        .inNamespace(NS)
        .resource(WorkloadObjects.headlessService(job("half-1", Map.of()), NS))
        .create();

    launcher.launch(job("half-1", Map.of()));

    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("half-1").get()).isNotNull();
    assertThat(client.services().inNamespace(NS).list().getItems()).hasSize(1);
  }

  @Test
  void theFilesConfigMapHoldsEachFileByteForByte() {
    byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 10, 13, 'x'};
    launcher.launch(
        job(
            "files-1",
            Map.of("kiln_runner.py", "ü\n".getBytes(StandardCharsets.UTF_8), "blob.bin", binary)));

    ConfigMap files = client.configMaps().inNamespace(NS).withName("files-1-files").get();

    assertThat(files.getMetadata().getLabels()).containsEntry("kiln.dev/workload", "files-1");
    assertThat(files.getBinaryData()).containsOnlyKeys("kiln_runner.py", "blob.bin");
    assertThat(Base64.getDecoder().decode(files.getBinaryData().get("blob.bin"))).isEqualTo(binary);
    assertThat(Base64.getDecoder().decode(files.getBinaryData().get("kiln_runner.py")))
        .isEqualTo("ü\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aServiceIsADeploymentOfOneBehindAClusterIpServiceOnItsPort() {
    launcher.launch(
        new WorkloadSpec(
            "endpoint-1",
            WorkloadKind.SERVICE,
            "kiln-env:abc",
            List.of("python", "-m", "http.server", "8080"),
            Map.of("A", "b"),
            Map.of(),
            Resources.NONE,
            Map.of(),
            8080));

    Deployment deployment =
        client.apps().deployments().inNamespace(NS).withName("endpoint-1").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsExactly(Map.entry("kiln.dev/workload", "endpoint-1"));
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Always");
    assertThat(pod.getContainers().get(0).getPorts())
        .singleElement()
        .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
    Service service = client.services().inNamespace(NS).withName("endpoint-1").get();
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getSelector())
        .containsExactly(Map.entry("kiln.dev/workload", "endpoint-1"));
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getPort()).isEqualTo(8080);
              assertThat(port.getTargetPort().getIntVal()).isEqualTo(8080);
            });
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void aJobWithoutPodIsPendingAndItsRunningPodMakesItRunning() {
    launcher.launch(job("state-1", Map.of()));
    assertThat(launcher.status("state-1")).contains(WorkloadStatus.of(WorkloadState.PENDING));

    putPod("state-1", "Pending", waiting("ContainerCreating", null));
    assertThat(launcher.status("state-1")).contains(WorkloadStatus.of(WorkloadState.PENDING));

    putPod("state-1", "Running", running());
    assertThat(launcher.status("state-1")).contains(WorkloadStatus.of(WorkloadState.RUNNING));
  }

  @Test
  void aCompleteJobSucceeds() {
    launcher.launch(job("done-1", Map.of()));
    putPod("done-1", "Succeeded", terminated(0, "Completed"));
    setJobCondition("done-1", "Complete", null);

    assertThat(launcher.status("done-1"))
        .contains(new WorkloadStatus(WorkloadState.SUCCEEDED, 0, null));
  }

  @Test
  void aFailedJobFailsWithItsContainersExitCode() {
    launcher.launch(job("fail-1", Map.of()));
    putPod("fail-1", "Failed", terminated(3, "Error"));
    setJobCondition("fail-1", "Failed", "BackoffLimitExceeded");

    assertThat(launcher.status("fail-1"))
        .contains(new WorkloadStatus(WorkloadState.FAILED, 3, null));
  }

  @Test
  void aJobThatFailedWithoutAnExitCodeGivesTheControllersReason() {
    launcher.launch(job("deadline-1", Map.of()));
    setJobCondition("deadline-1", "Failed", "DeadlineExceeded");

    assertThat(launcher.status("deadline-1"))
        .contains(new WorkloadStatus(WorkloadState.FAILED, null, "DeadlineExceeded"));
  }

  @Test
  void aServiceWhoseProcessKeepsCrashingFailsWithItsLastExitCode() {
    launcher.launch(
        new WorkloadSpec(
            "svc-crash",
            WorkloadKind.SERVICE,
            "img",
            List.of("serve"),
            Map.of(),
            Map.of(),
            Resources.NONE,
            Map.of(),
            9000));
    ContainerStatus crashing =
        new ContainerStatusBuilder(waiting("CrashLoopBackOff", "back-off 10s"))
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(1)
            .endTerminated()
            .endLastState()
            .build();
    putPod("svc-crash", "Running", crashing);

    assertThat(launcher.status("svc-crash"))
        .contains(new WorkloadStatus(WorkloadState.FAILED, 1, "CrashLoopBackOff: back-off 10s"));
  }

  @Test
  void anOutOfMemoryKillSaysSo() {
    launcher.launch(job("oom-1", Map.of()));
    putPod("oom-1", "Failed", terminated(137, "OOMKilled"));

    assertThat(launcher.status("oom-1"))
        .contains(
            new WorkloadStatus(
                WorkloadState.FAILED, 137, "Killed: the container ran out of memory"));
  }

  @Test
  void anImageThatCannotBePulledFailsWithTheKubeletsMessage() {
    launcher.launch(job("pull-1", Map.of()));
    putPod(
        "pull-1",
        "Pending",
        waiting("ImagePullBackOff", "Back-off pulling image \"kiln-env:abc\""));

    assertThat(launcher.status("pull-1"))
        .contains(
            new WorkloadStatus(
                WorkloadState.FAILED,
                null,
                "ImagePullBackOff: Back-off pulling image \"kiln-env:abc\""));
  }

  @Test
  void stopMarksAndSuspendsTheJobSoThatAnyLauncherReportsStopped() {
    launcher.launch(job("stop-1", Map.of()));
    putPod("stop-1", "Running", running());

    launcher.stop("stop-1");
    launcher.stop("stop-1");

    Job job = client.batch().v1().jobs().inNamespace(NS).withName("stop-1").get();
    assertThat(job.getSpec().getSuspend()).isTrue();
    assertThat(job.getMetadata().getAnnotations()).containsEntry("kiln.dev/stopped", "true");
    KubernetesLauncher other = new KubernetesLauncher(client, NS);
    assertThat(other.status("stop-1")).contains(WorkloadStatus.of(WorkloadState.STOPPED));
    // The Job controller deletes the pods of a suspended Job; the mark outlives them.
    client.pods().inNamespace(NS).withLabel("kiln.dev/workload", "stop-1").delete();
    assertThat(other.status("stop-1")).contains(WorkloadStatus.of(WorkloadState.STOPPED));
  }

  @Test
  void stoppingAnEndedJobChangesNothing() {
    launcher.launch(job("ended-1", Map.of()));
    putPod("ended-1", "Failed", terminated(2, "Error"));

    launcher.stop("ended-1");

    Job job = client.batch().v1().jobs().inNamespace(NS).withName("ended-1").get();
    assertThat(job.getSpec().getSuspend()).isNull();
    assertThat(launcher.status("ended-1"))
        .contains(new WorkloadStatus(WorkloadState.FAILED, 2, null));
  }

  @Test
  void stoppingAServiceScalesItToZeroAndMarksIt() {
    launcher.launch(
        new WorkloadSpec(
            "svc-stop",
            WorkloadKind.SERVICE,
            "img",
            List.of("serve"),
            Map.of(),
            Map.of(),
            Resources.NONE,
            Map.of(),
            9000));
    putPod("svc-stop", "Running", running());
    assertThat(launcher.status("svc-stop")).contains(WorkloadStatus.of(WorkloadState.RUNNING));

    launcher.stop("svc-stop");

    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("svc-stop").get();
    assertThat(deployment.getSpec().getReplicas()).isZero();
    assertThat(launcher.status("svc-stop")).contains(WorkloadStatus.of(WorkloadState.STOPPED));
  }

  @Test
  void removeDeletesTheJobItsServicePodsAndFilesAndIsIdempotent() {
    launcher.launch(job("rm-1", Map.of("a.txt", new byte[] {1})));
    putPod("rm-1", "Running", running());
    assertThat(client.services().inNamespace(NS).withName("rm-1").get()).isNotNull();

    launcher.remove("rm-1");
    launcher.remove("rm-1");

    assertThat(launcher.status("rm-1")).isEmpty();
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("rm-1").get()).isNull();
    assertThat(client.services().inNamespace(NS).withName("rm-1").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("rm-1-files").get()).isNull();
    assertThat(
            client.pods().inNamespace(NS).withLabel("kiln.dev/workload", "rm-1").list().getItems())
        .isEmpty();
  }

  @Test
  void removeDeletesAServicesDeploymentServiceAndFiles() {
    launcher.launch(
        new WorkloadSpec(
            "svc-rm",
            WorkloadKind.SERVICE,
            "img",
            List.of("serve"),
            Map.of(),
            Map.of(),
            Resources.NONE,
            Map.of(),
            9000));

    launcher.remove("svc-rm");

    assertThat(client.apps().deployments().inNamespace(NS).withName("svc-rm").get()).isNull();
    assertThat(client.services().inNamespace(NS).withName("svc-rm").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("svc-rm-files").get()).isNull();
    assertThat(launcher.status("svc-rm")).isEmpty();
  }

  @Test
  void launchingAnExistingIdKeepsTheFirstJobItsServiceAndItsFiles() {
    launcher.launch(job("twice-1", Map.of("a.txt", "first".getBytes(StandardCharsets.UTF_8))));

    launcher.launch(job("twice-1", Map.of("a.txt", "second".getBytes(StandardCharsets.UTF_8))));

    ConfigMap files = client.configMaps().inNamespace(NS).withName("twice-1-files").get();
    assertThat(Base64.getDecoder().decode(files.getBinaryData().get("a.txt")))
        .isEqualTo("first".getBytes(StandardCharsets.UTF_8));
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(1);
    assertThat(client.services().inNamespace(NS).list().getItems()).hasSize(1);
  }

  @Test
  void aNewLauncherOnANewClientReadsTheSameStatus() {
    launcher.launch(job("attach-1", Map.of()));
    putPod("attach-1", "Failed", terminated(4, "Error"));

    KubernetesLauncher other = new KubernetesLauncher(client, NS);

    assertThat(other.status("attach-1"))
        .contains(new WorkloadStatus(WorkloadState.FAILED, 4, null));
    assertThat(other.status("attach-2")).isEmpty();
  }

  @Test
  void fileNamesAConfigMapCannotHoldAreRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> launcher.launch(job("bad-1", Map.of("../x", new byte[1]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../x");
    assertThatThrownBy(() -> launcher.launch(job("bad-2", Map.of("big.bin", new byte[1_000_001]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ConfigMap");

    assertThat(client.configMaps().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  private static WorkloadSpec job(String id, Map<String, byte[]> files) {
    return WorkloadSpec.job(
        id, "kiln-env:abc", List.of("python", "x.py"), Map.of(), files, Resources.NONE, Map.of());
  }

  /** Creates (or replaces) the workload's pod with this status, as the kubelet would report it. */
  private void putPod(String workloadId, String phase, ContainerStatus container) {
    String name = workloadId + "-pod";
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToLabels("kiln.dev/workload", workloadId)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("workload")
            .withImage("kiln-env:abc")
            .endContainer()
            .endSpec()
            .build();
    Pod stored = client.pods().inNamespace(NS).resource(pod).createOr(NonDeletingOperation::update);
    stored.setStatus(
        new PodStatusBuilder().withPhase(phase).withContainerStatuses(container).build());
    client.pods().inNamespace(NS).resource(stored).updateStatus();
  }

  private void setJobCondition(String jobName, String type, String reason) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withName(jobName)
        .editStatus(
            job -> {
              if (job.getStatus() == null) {
                job.setStatus(new JobStatus());
              }
              job.getStatus()
                  .setConditions(
                      List.of(
                          new JobConditionBuilder()
                              .withType(type)
                              .withStatus("True")
                              .withReason(reason)
                              .build()));
              return job;
            });
  }

  private static ContainerStatus running() {
    return new ContainerStatusBuilder()
        .withName("workload")
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }

  private static ContainerStatus waiting(String reason, String message) {
    return new ContainerStatusBuilder()
        .withName("workload")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .build();
  }

  private static ContainerStatus terminated(int exitCode, String reason) {
    return new ContainerStatusBuilder()
        .withName("workload")
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .endTerminated()
        .endState()
        .build();
  }
}
