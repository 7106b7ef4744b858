package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.testsupport.TestHttp;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command jobs run for real on the standalone's local backend: the runner in a virtualenv of the
 * job's environment, reporting through the gateway with its run token. Covers the outcomes (user
 * failure never retried, infrastructure failure retried with each attempt kept), inputs read
 * through signed URLs from the workspace blob store and an s3 datastore, capacity and priorities,
 * cancel, timeout and a cluster growing and shrinking.
 */
class JobExecutionTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration JOB_TIME = Duration.ofSeconds(90);

  static TestHttp admin;
  static String workspace;

  @BeforeAll
  static void workspace() {
    admin = SharedPlatform.asAdmin();
    workspace = "exec-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
  }

  @Test
  void aJobRunsToCompletionWithItsLogsMetricsAndOutputs() {
    String run =
        submit(
            "python -c \"import pathlib; pathlib.Path('outputs').mkdir(exist_ok=True);"
                + " pathlib.Path('outputs/a.txt').write_text('made by the job');"
                + " print('hello from ' + '${{inputs.who}}')\"",
            "local",
            Map.of("inputs", Map.of("who", "kiln")));

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).isEqualTo("Completed");
    assertThat(logText(run)).contains("hello from kiln");
    assertThat(admin.get(jobs(run) + "/artifacts/outputs/a.txt").body())
        .isEqualTo("made by the job");
    assertThat(admin.get(jobs(run) + "/metrics").body()).contains("system/run_duration_seconds");
    JsonNode execution = execution(run);
    assertThat(execution.path("outcome").asString()).isEqualTo("completed");
    assertThat(execution.path("attempts")).hasSize(1);
  }

  @Test
  void aJobReadsItsInputsStraightFromAnS3DatastoreAndTheWorkspaceBlobStore() throws Exception {
    // The platform's own S3 server stands in for a team's store: another bucket, read with the
    // datastore's own credentials, which the runner never sees (it gets signed URLs).
    StandalonePlatform platform = SharedPlatform.get();
    Secrets secrets = Secrets.loadOrCreate(platform.settings());
    String endpoint = "http://127.0.0.1:" + platform.settings().s3Port();
    MinioClient bucket =
        MinioClient.builder()
            .endpoint(endpoint)
            .region("us-east-1")
            .credentials(secrets.get("s3.access-key"), secrets.get("s3.secret-key"))
            .build();
    if (!bucket.bucketExists(BucketExistsArgs.builder().bucket("team-data").build())) {
      bucket.makeBucket(MakeBucketArgs.builder().bucket("team-data").build());
    }
    putObject(bucket, "raw/2026/train set+1.csv", "x,y\n1,2\n");
    putObject(bucket, "raw/2026/parts/p1.csv", "part one");
    putObject(bucket, "raw/2026/parts/deeper/p2.csv", "part two");
    Map<String, Object> datastore =
        Map.of(
            "type", "s3",
            "endpoint", endpoint,
            "bucket", "team-data",
            "prefix", "raw",
            "credentials",
                Map.of(
                    "access_key_id", secrets.get("s3.access-key"),
                    "secret_access_key", secrets.get("s3.secret-key")));
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/" + workspace + "/datastores/teamdata",
                    "application/json",
                    JSON.writeValueAsString(datastore))
                .status())
        .isIn(200, 201);
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/"
                        + workspace
                        + "/datastores/workspaceblobstore/files/shared/notes.txt",
                    "application/octet-stream",
                    "from the blob store")
                .status())
        .isEqualTo(200);

    String run =
        submit(
            "cat ${{inputs.table}} ${{inputs.parts}}/p1.csv ${{inputs.parts}}/deeper/p2.csv"
                + " ${{inputs.notes}}/notes.txt",
            "local",
            Map.of(
                "inputs",
                Map.of(
                    "table",
                    Map.of(
                        "type", "uri_file",
                        "path", "azureml://datastores/teamdata/paths/2026/train set+1.csv"),
                    "parts",
                    Map.of(
                        "type", "uri_folder",
                        "path", "azureml://datastores/teamdata/paths/2026/parts"),
                    "notes",
                    Map.of(
                        "type", "uri_folder",
                        "path", "azureml://datastores/workspaceblobstore/paths/shared"))));

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).as(logText(run)).isEqualTo("Completed");
    assertThat(logText(run))
        .contains("x,y", "1,2", "part one", "part two", "from the blob store")
        .contains("Downloaded input 'parts' (2 files)");
  }

  private static void putObject(MinioClient bucket, String key, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    bucket.putObject(
        PutObjectArgs.builder().bucket("team-data").object(key).stream(
                new ByteArrayInputStream(bytes), bytes.length, -1)
            .build());
  }

  @Test
  void aJobRunsInADockerContainerOfItsEnvironmentImage() {
    // CI starts a Docker engine with the python:3.11-slim base image (.ci/docker-setup).
    createCompute("containers", "docker", 1, 2, 60);
    String run =
        submit(
            "python -c \"import os; print('in a container:', os.path.exists('/.dockerenv'))\"",
            "containers",
            Map.of());

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).as(logText(run)).isEqualTo("Completed");
    assertThat(logText(run)).contains("in a container: True");
    assertThat(execution(run).path("attempts").get(0).path("backend").asString())
        .isEqualTo("docker");
  }

  @Test
  void theRunTokenOfAJobStopsWorkingWhenTheJobEnds() {
    String run =
        submit(
            "mkdir -p outputs && printf %s \"$KILN_RUN_TOKEN\" > outputs/token.txt",
            "local", Map.of());

    assertThat(awaitEnd(run).path("status").asString()).isEqualTo("Completed");

    String token = admin.get(jobs(run) + "/artifacts/outputs/token.txt").body();
    assertThat(token).startsWith("kiln_run_");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(SharedPlatform.as(token).get(jobs(run)).status()).isEqualTo(401));
  }

  @Test
  void everyProcessOfADistributedJobGetsItsRankAndTheRendezvous() {
    String run =
        submit(
            "echo rank=$RANK local=$LOCAL_RANK node=$NODE_RANK world=$WORLD_SIZE"
                + " master=$MASTER_ADDR:$MASTER_PORT",
            "local",
            Map.of(
                "resources", Map.of("instance_count", 2),
                "distribution", Map.of("type", "pytorch", "process_count_per_instance", 2)));

    assertThat(awaitEnd(run).path("status").asString()).isEqualTo("Completed");

    String log = logText(run);
    for (String rank :
        List.of(
            "rank=0 local=0 node=0",
            "rank=1 local=1 node=0",
            "rank=2 local=0 node=1",
            "rank=3 local=1 node=1")) {
      assertThat(log).contains(rank + " world=4 master=127.0.0.1:");
    }
    assertThat(execution(run).path("attempts").get(0).path("workloads")).hasSize(2);
  }

  @Test
  void anEnvironmentThatDoesNotBuildFailsTheRunWithPipsOutput() {
    String run =
        submit(
            "echo never runs",
            "local",
            Map.of(
                "environment",
                Map.of(
                    "image",
                    "python:3.11-slim",
                    "conda_file",
                    Map.of(
                        "dependencies",
                        List.of(Map.of("pip", List.of("kiln-no-such-package-xyz==1.0")))))));

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).isEqualTo("Failed");
    assertThat(done.toString()).contains("environment_build_failed");
    assertThat(logText(run)).contains("kiln-no-such-package-xyz");
    assertThat(execution(run).path("attempts")).hasSize(1);
  }

  @Test
  void aMissingInputFailsTheRunOnceAsTheJobsFault() {
    String run =
        submit(
            "cat ${{inputs.table}}",
            "local",
            Map.of(
                "inputs",
                Map.of(
                    "table",
                    Map.of(
                        "type", "uri_file",
                        "path", "azureml://datastores/workspaceblobstore/paths/none/such.csv"))));

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).isEqualTo("Failed");
    assertThat(done.toString()).contains("input_error").contains("none/such.csv");
    assertThat(logText(run)).contains("Input failure: input 'table'");
    assertThat(execution(run).path("attempts")).hasSize(1);
  }

  @Test
  void aFailingCommandFailsTheRunOnceWithoutARetry() {
    String run = submit("echo about to fail; exit 3", "local", Map.of());

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).isEqualTo("Failed");
    assertThat(done.toString()).contains("user_error");
    JsonNode attempts = execution(run).path("attempts");
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).path("reportedExit").asInt()).isEqualTo(3);
  }

  @Test
  void aBackendThatCannotLaunchIsRetriedAndEveryAttemptIsKept() {
    // The standalone drives no Kubernetes cluster: launching fails outside the job's code, so the
    // job is tried max-attempts times before it fails.
    createCompute("no-engine", "kubernetes", 1, 1, 60);
    String run = submit("echo never runs", "no-engine", Map.of());

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).isEqualTo("Failed");
    assertThat(done.toString()).contains("infrastructure_failure");
    JsonNode attempts = execution(run).path("attempts");
    assertThat(attempts).hasSize(3);
    attempts.forEach(
        a -> assertThat(a.path("outcome").asString()).isEqualTo("infrastructure_failure"));
  }

  @Test
  void aFullTargetRunsWaitingJobsOneAtATimeInPriorityOrder() {
    createCompute("single", "local", 1, 1, 60);
    String first = submit("sleep 3", "single", Map.of());
    awaitStatus(first, "Running");
    String normal = submit("echo normal", "single", Map.of("priority", 0));
    String urgent = submit("echo urgent", "single", Map.of("priority", 5));
    String low = submit("echo low", "single", Map.of("priority", -1));

    List<String> runs = List.of(first, normal, urgent, low);
    runs.forEach(JobExecutionTest::awaitEnd);

    List<String> byStart = new ArrayList<>(runs);
    byStart.sort(
        Comparator.comparing(r -> Instant.parse(execution(r).path("startedAt").asString())));
    assertThat(byStart).containsExactly(first, urgent, normal, low);
    JsonNode usage = computeUsage("single");
    usage.forEach(sample -> assertThat(sample.path("busySlots").asInt()).isLessThanOrEqualTo(1));
  }

  @Test
  void cancelingARunningJobStopsItsWorkload() {
    String run = submit("echo started; sleep 120", "local", Map.of());
    awaitStatus(run, "Running");

    assertThat(admin.postJson(jobs(run) + "/cancel", "{}").status()).isEqualTo(200);

    await()
        .atMost(JOB_TIME)
        .untilAsserted(
            () -> assertThat(execution(run).path("outcome").asString()).isEqualTo("canceled"));
    assertThat(job(run).path("status").asString()).isEqualTo("Canceled");
  }

  @Test
  void deletingARunningJobStopsItsWorkload() {
    String run = submit("echo started; sleep 120", "local", Map.of());
    awaitStatus(run, "Running");

    assertThat(admin.delete(jobs(run)).status()).isEqualTo(204);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(execution(run).path("outcome").asString()).isEqualTo("canceled"));
  }

  @Test
  void aJobPastItsTimeoutIsStoppedAndCanceled() {
    String run = submit("sleep 120", "local", Map.of("limits", Map.of("timeout", 2)));

    JsonNode done = awaitEnd(run);

    assertThat(done.path("status").asString()).isEqualTo("Canceled");
    assertThat(done.toString()).contains("timeout");
  }

  @Test
  void aClusterGrowsWithDemandAndShrinksAfterItsIdleTime() {
    createCompute("elastic", "local", 2, 1, 1);
    String a = submit("sleep 2", "elastic", Map.of());
    String b = submit("sleep 2", "elastic", Map.of());
    awaitEnd(a);
    awaitEnd(b);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode usage = computeUsage("elastic");
              List<Integer> nodes = new ArrayList<>();
              usage.forEach(s -> nodes.add(s.path("nodes").asInt()));
              assertThat(nodes).contains(2);
              assertThat(nodes.get(nodes.size() - 1)).isZero();
            });
  }

  private static void createCompute(
      String name, String backend, int maxNodes, int slots, int idleSeconds) {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "type", "amlcompute",
                "backend", backend,
                "min_instances", 0,
                "max_instances", maxNodes,
                "slots_per_node", slots,
                "idle_time_before_scale_down", idleSeconds));
    int status =
        admin
            .send(
                "PUT",
                "/api/v1/workspaces/" + workspace + "/computes/" + name,
                "application/json",
                body)
            .status();
    assertThat(status).isIn(200, 201);
  }

  private static String submit(String command, String compute, Map<String, Object> extra) {
    Map<String, Object> job = new java.util.LinkedHashMap<>();
    job.put("command", command);
    job.put("environment", "azureml:kiln-minimal@latest");
    job.put("compute", "azureml:" + compute);
    job.put("experiment_name", "execution");
    job.putAll(extra);
    TestHttp.Response created =
        admin.postJson("/api/v1/workspaces/" + workspace + "/jobs", JSON.writeValueAsString(job));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("name").asString();
  }

  private static String jobs(String run) {
    return "/api/v1/workspaces/" + workspace + "/jobs/" + run;
  }

  private static JsonNode job(String run) {
    return admin.get(jobs(run)).json();
  }

  private static JsonNode execution(String run) {
    TestHttp.Response response = admin.get(jobs(run) + "/execution");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static JsonNode computeUsage(String compute) {
    return admin
        .get("/api/v1/workspaces/" + workspace + "/computes/" + compute + "/usage")
        .json()
        .path("samples");
  }

  private static String logText(String run) {
    return admin.get(jobs(run) + "/logs").body();
  }

  private static void awaitStatus(String run, String status) {
    await()
        .atMost(JOB_TIME)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(job(run).path("status").asString()).isEqualTo(status));
  }

  private static JsonNode awaitEnd(String run) {
    await()
        .atMost(JOB_TIME)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                List.of("Completed", "Failed", "Canceled")
                    .contains(job(run).path("status").asString()));
    return job(run);
  }
}
