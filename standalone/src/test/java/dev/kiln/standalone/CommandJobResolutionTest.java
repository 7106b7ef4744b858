package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.common.spec.SafeYaml;
import dev.kiln.common.spec.SpecKeyChecker;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What run-service does with a command job once it asks the real workspace-service and
 * compute-service: the resolved spec answered as {@code job} and published as {@code RunSubmitted}
 * in the same transaction, registered and curated environments, inline environments registered once
 * per content, data assets at their latest version, a reference to nothing refused with nothing
 * written, cancel publishing {@code RunCanceled}, MLflow not ending a submitted job.
 *
 * <p>The jobs go to {@code cpu-pool}, a one-slot local cluster a long job keeps busy for the whole
 * class, so they stay {@code Queued} and none of them runs; everything is canceled at the end.
 */
class CommandJobResolutionTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ANONYMOUS = "CliV2AnonymousEnvironment";

  static final String YAML_JOB =
      """
      $schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
      command: python train.py --alpha ${{inputs.alpha}} --data ${{inputs.table}} --out ${{outputs.model}}
      inputs:
        alpha: 0.3
        table:
          type: uri_file
          path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv
      outputs:
        model:
          type: uri_folder
      environment: azureml:sklearn-env@latest
      compute: azureml:cpu-pool
      experiment_name: wine-quality
      display_name: first wine
      tags:
        team: cv
      properties:
        azureml.git.commit: abc123
      environment_variables:
        OMP_NUM_THREADS: "1"
      limits:
        timeout: 900
      """;

  static TestHttp admin;
  static JdbcTemplate runDb;
  static String workspace;
  static String base;
  static String jobs;
  static UUID workspaceId;
  static String blocker;

  @BeforeAll
  static void setUp() {
    admin = SharedPlatform.asAdmin();
    runDb = new JdbcTemplate(SharedPlatform.get().service("run").getBean(DataSource.class));
    workspace = "cmdres-" + UUID.randomUUID().toString().substring(0, 8);
    base = "/api/v1/workspaces/" + workspace;
    jobs = base + "/jobs";
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get(base + "/computes/local").status() == 200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                runDb.queryForObject(
                        "select count(*) from known_workspace where name = ?",
                        Integer.class,
                        workspace)
                    == 1);
    workspaceId =
        runDb.queryForObject(
            "select id from known_workspace where name = ?", UUID.class, workspace);

    put(
        "/environments/sklearn-env/versions/2",
        "image: python:3.11-slim\npip_requirements:\n  - scikit-learn==1.4.2\n");
    put(
        "/environments/sklearn-env/versions/3",
        "image: python:3.11-slim\npython_version: \"3.11\"\npip_requirements:\n"
            + "  - scikit-learn==1.5.2\nenvironment_variables:\n  A: \"1\"\n");
    upload("data/old-wine.csv", "alcohol,quality\n9.1,4\n");
    upload("data/wine.csv", "alcohol,quality\n9.4,5\n");
    upload("data/t/MLTable", "paths:\n  - file: ./part.csv\n");
    put("/data/wine/versions/1", "type: uri_file\npath: " + datastorePath("data/old-wine.csv"));
    put("/data/wine/versions/2", "type: uri_file\npath: " + datastorePath("data/wine.csv"));
    put("/data/tables/versions/1", "type: mltable\npath: " + datastorePath("data/t"));
    Path localRoot = SharedPlatform.get().settings().home().resolve("datastores");
    try {
      Files.createDirectories(localRoot.resolve(workspace));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestHttp.Response local =
        admin.send(
            "PUT",
            base + "/datastores/machine",
            "application/json",
            "{\"type\": \"local\", \"path\": \"" + localRoot.resolve(workspace) + "\"}");
    assertThat(local.status()).as(local.body()).isEqualTo(201);
    put(
        "/computes/cpu-pool",
        "type: amlcompute\nbackend: local\nmin_instances: 0\nmax_instances: 1\n"
            + "slots_per_node: 1\nidle_time_before_scale_down: 60\n");

    // Holds cpu-pool's one slot, so that every job the tests submit there stays queued.
    TestHttp.Response held =
        admin.postJson(
            jobs,
            "{\"command\": \"sleep 600\", \"environment\": \"azureml:kiln-minimal@latest\","
                + " \"compute\": \"azureml:cpu-pool\", \"experiment_name\": \"blocker\"}");
    assertThat(held.status()).as(held.body()).isEqualTo(201);
    blocker = held.json().get("name").asString();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status(blocker).equals("Running"));
  }

  @AfterAll
  static void cancelEverything() {
    List<String> open = new ArrayList<>();
    for (JsonNode run : admin.get(jobs + "?limit=100").json().get("items")) {
      String name = run.get("name").asString();
      if (!name.equals(blocker)
          && List.of("Queued", "Preparing", "Running").contains(run.get("status").asString())) {
        admin.postJson(jobs + "/" + name + "/cancel", "");
        open.add(name);
      }
    }
    // Only once compute-service has dropped them may the slot free up, or one would start.
    for (String name : open) {
      await().atMost(Duration.ofSeconds(60)).until(() -> executionState(name).equals("ended"));
    }
    admin.postJson(jobs + "/" + blocker + "/cancel", "");
    await().atMost(Duration.ofSeconds(60)).until(() -> executionState(blocker).equals("ended"));
  }

  private static void put(String path, String yaml) {
    TestHttp.Response put = admin.send("PUT", base + path, "application/yaml", yaml);
    assertThat(put.status()).as(path + ": " + put.body()).isIn(200, 201);
  }

  private static void upload(String path, String content) {
    TestHttp.Response put =
        admin.send(
            "PUT",
            base + "/datastores/workspaceblobstore/files/" + path,
            "application/octet-stream",
            content);
    assertThat(put.status()).as(path + ": " + put.body()).isIn(200, 201);
  }

  private static String datastorePath(String path) {
    return "azureml://datastores/workspaceblobstore/paths/" + path;
  }

  private static String status(String run) {
    return admin.get(jobs + "/" + run).json().path("status").asString();
  }

  private static String executionState(String run) {
    TestHttp.Response execution = admin.get(jobs + "/" + run + "/execution");
    return execution.status() == 200 ? execution.json().path("state").asString() : "";
  }

  private static TestHttp.Response postYaml(String yaml) {
    return admin.send("POST", jobs, "application/yaml", yaml);
  }

  /** The workspace's runs, as stored by run-service. */
  private static int runs() {
    return runDb.queryForObject(
        "select count(*) from run where workspace_id = ?", Integer.class, workspaceId);
  }

  /** run-service's outbox entries of this workspace, of {@code type} (a simple class name). */
  private static List<JsonNode> published(String type) {
    return runDb
        .queryForList(
            "select serialized_event from event_publication where event_type like ?"
                + " and serialized_event like ? order by publication_date",
            String.class,
            "%." + type,
            "%" + workspaceId + "%")
        .stream()
        .map(JSON::readTree)
        .toList();
  }

  private static int outbox() {
    return runDb.queryForObject(
        "select count(*) from event_publication where serialized_event like ?",
        Integer.class,
        "%" + workspaceId + "%");
  }

  /** The inline environments workspace-service holds for this workspace. */
  private static List<JsonNode> anonymousEnvironments() {
    TestHttp.Response versions =
        admin.get(base + "/environments/" + ANONYMOUS + "/versions?limit=100");
    if (versions.status() == 404) {
      // workspace-service knows no name before its first version.
      assertThat(versions.json().get("code").asString()).isEqualTo("environment_not_found");
      return List.of();
    }
    assertThat(versions.status()).as(versions.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    versions.json().get("items").forEach(items::add);
    return items;
  }

  @Test
  void queuesAYamlCommandJobAndAnswersItsResolvedSpec() {
    TestHttp.Response created = postYaml(YAML_JOB);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode run = created.json();
    assertThat(run.get("status").asString()).isEqualTo("Queued");
    assertThat(run.get("experimentName").asString()).isEqualTo("wine-quality");
    assertThat(run.get("displayName").asString()).isEqualTo("first wine");
    assertThat(run.at("/tags/team").asString()).isEqualTo("cv");
    assertThat(run.at("/properties/azureml.git.commit").asString()).isEqualTo("abc123");
    JsonNode job = run.get("job");
    assertThat(job.get("command").asString())
        .isEqualTo(
            "python train.py --alpha ${{inputs.alpha}} --data ${{inputs.table}}"
                + " --out ${{outputs.model}}");
    assertThat(job.get("compute").asString()).isEqualTo("cpu-pool");
    JsonNode registered = admin.get(base + "/environments/sklearn-env/versions/3").json();
    assertThat(job.at("/environment/reference").asString()).isEqualTo("azureml:sklearn-env:3");
    assertThat(job.at("/environment/image").asString()).isEqualTo("python:3.11-slim");
    assertThat(job.at("/environment/pythonVersion").asString()).isEqualTo("3.11");
    assertThat(job.at("/environment/pipRequirements/0").asString())
        .isEqualTo("scikit-learn==1.5.2");
    assertThat(job.at("/environment/environmentVariables/A").asString()).isEqualTo("1");
    assertThat(job.at("/environment/contentHash").asString())
        .isNotBlank()
        .isEqualTo(registered.get("contentHash").asString());
    assertThat(job.at("/inputs/alpha/type").asString()).isEqualTo("literal");
    assertThat(job.at("/inputs/alpha/value").asString()).isEqualTo("0.3");
    assertThat(job.at("/inputs/table/type").asString()).isEqualTo("uri_file");
    assertThat(job.at("/inputs/table/datastore").asString()).isEqualTo("workspaceblobstore");
    assertThat(job.at("/inputs/table/path").asString()).isEqualTo("tables/wine.csv");
    assertThat(job.at("/inputs/table/mode").asString()).isEqualTo("download");
    assertThat(job.at("/outputs/model/type").asString()).isEqualTo("uri_folder");
    assertThat(job.at("/environmentVariables/OMP_NUM_THREADS").asString()).isEqualTo("1");
    assertThat(job.get("timeoutSeconds").asLong()).isEqualTo(900);
    assertThat(job.get("instanceCount").asInt()).isEqualTo(1);
    assertThat(job.get("priority").asInt()).isZero();
    assertThat(job.get("distribution").isNull()).isTrue();
    String name = run.get("name").asString();
    assertThat(admin.get(jobs + "/" + name).json().get("job")).isEqualTo(job);
  }

  @Test
  void publishesRunSubmittedWithTheResolvedSpecInTheSameTransaction() {
    int before = published("RunSubmitted").size();
    JsonNode run = postYaml(YAML_JOB).json();
    JsonNode me = admin.get("/api/v1/users/me").json();

    List<JsonNode> submitted = published("RunSubmitted");
    assertThat(submitted).hasSize(before + 1);
    JsonNode event = submitted.get(submitted.size() - 1);
    assertThat(event.get("runId").asString()).isEqualTo(run.get("id").asString());
    assertThat(event.get("runName").asString()).isEqualTo(run.get("name").asString());
    assertThat(event.get("workspace").asString()).isEqualTo(workspace);
    assertThat(event.get("submitterId").asString()).isEqualTo(me.get("id").asString());
    assertThat(event.get("submitterName").asString()).isEqualTo(me.get("name").asString());
    assertThat(event.get("job")).isEqualTo(run.get("job"));
    // The relay marks the publication complete once Kafka has acknowledged it, and
    // compute-service queues the job when the event reaches it.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                runDb.queryForObject(
                        "select count(*) from event_publication where event_type like"
                            + " '%.RunSubmitted' and serialized_event like ? and completion_date"
                            + " is not null",
                        Integer.class, "%" + run.get("id").asString() + "%")
                    == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> executionState(run.get("name").asString()).equals("queued"));
  }

  @Test
  void resolvesDataAssetsHttpsInputsCuratedAndInlineEnvironments() {
    int anonymous = anonymousEnvironments().size();
    String body =
        """
        {"command": "python t.py ${{inputs.wine}} ${{inputs.remote}}",
         "type": "command",
         "name": "inline-env",
         "compute": "cpu-pool",
         "inputs": {
           "wine": {"path": "azureml:wine@latest", "mode": "ro_mount"},
           "remote": {"type": "uri_file", "path": "https://example.org/data/x.csv"},
           "flag": true},
         "environment": {"image": "python:3.11-slim",
                         "conda_file": {"dependencies": ["python=3.11", {"pip": ["numpy"]}]}},
         "resources": {"instance_count": 2},
         "distribution": {"type": "pytorch", "process_count_per_instance": 4},
         "queue_settings": {"priority": "high"}}
        """;
    TestHttp.Response created = admin.postJson(jobs, body);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode job = created.json().get("job");
    assertThat(job.at("/inputs/wine/type").asString()).isEqualTo("uri_file");
    assertThat(job.at("/inputs/wine/datastore").asString()).isEqualTo("workspaceblobstore");
    assertThat(job.at("/inputs/wine/path").asString()).isEqualTo("data/wine.csv");
    assertThat(job.at("/inputs/wine/mode").asString()).isEqualTo("download");
    assertThat(job.at("/inputs/remote/url").asString()).isEqualTo("https://example.org/data/x.csv");
    assertThat(job.at("/inputs/flag/value").asString()).isEqualTo("true");
    assertThat(job.get("compute").asString()).isEqualTo("cpu-pool");
    assertThat(job.get("instanceCount").asInt()).isEqualTo(2);
    assertThat(job.at("/distribution/type").asString()).isEqualTo("pytorch");
    assertThat(job.at("/distribution/processCount").asInt()).isEqualTo(4);
    assertThat(job.get("priority").asInt()).isEqualTo(1);
    List<JsonNode> registered = anonymousEnvironments();
    assertThat(registered).hasSize(anonymous + 1);
    String reference = job.at("/environment/reference").asString();
    assertThat(reference).matches("azureml:" + ANONYMOUS + ":[0-9a-f]{32}");
    String version = reference.substring(reference.lastIndexOf(':') + 1);
    JsonNode environment =
        admin.get(base + "/environments/" + ANONYMOUS + "/versions/" + version).json();
    assertThat(environment.get("pipRequirements").toString()).contains("numpy");
    assertThat(job.at("/environment/contentHash").asString())
        .isEqualTo(environment.get("contentHash").asString());

    // The same inline environment again is the same version, registered once.
    String again = body.replace("inline-env", "inline-env-2");
    assertThat(admin.postJson(jobs, again).json().at("/job/environment/reference").asString())
        .isEqualTo(reference);
    assertThat(anonymousEnvironments()).hasSize(anonymous + 1);

    // A curated name resolves as workspace-service resolves it.
    TestHttp.Response curated =
        admin.postJson(
            jobs,
            "{\"command\": \"echo hi\", \"environment\": \"kiln-sklearn\","
                + " \"compute\": \"cpu-pool\"}");
    assertThat(curated.status()).as(curated.body()).isEqualTo(201);
    assertThat(curated.json().at("/job/environment/reference").asString())
        .startsWith("azureml:kiln-sklearn:")
        .isEqualTo(
            admin
                .get(base + "/environments/resolve?ref=kiln-sklearn")
                .json()
                .get("reference")
                .asString());
  }

  @Test
  void takesASnapshotReferenceAFolderInputAndAnAzureMlCuratedName() {
    String code = "print('hello')\n";
    String sha = Hashes.sha256Hex(code);
    admin.send("PUT", base + "/snapshots/blobs/" + sha, "application/octet-stream", code);
    TestHttp.Response snapshot =
        admin.postJson(
            base + "/snapshots",
            "{\"files\":[{\"path\":\"train.py\",\"sha256\":\""
                + sha
                + "\",\"size\":"
                + code.length()
                + "}]}");
    assertThat(snapshot.status()).isIn(200, 201);
    String snapshotId = snapshot.json().get("id").asString();
    String yaml =
        """
        command: python train.py --raw ${{inputs.raw}}
        code: azureml:snapshots/%s
        inputs:
          raw:
            type: uri_folder
            path: azureml://datastores/workspaceblobstore/paths/data
        environment: AzureML-sklearn-1.0@latest
        compute: azureml:cpu-pool
        """
            .formatted(snapshotId);

    TestHttp.Response created = admin.send("POST", jobs, "application/yaml", yaml);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode job = created.json().get("job");
    assertThat(job.get("snapshotId").asString()).isEqualTo(snapshotId);
    assertThat(job.at("/inputs/raw/type").asString()).isEqualTo("uri_folder");
    assertThat(job.at("/inputs/raw/datastore").asString()).isEqualTo("workspaceblobstore");
    assertThat(job.at("/inputs/raw/path").asString()).isEqualTo("data");
    assertThat(job.at("/environment/reference").asString()).startsWith("azureml:kiln-sklearn:");
  }

  @Test
  void sendsAJobWithoutAComputeToTheLocalCluster() {
    TestHttp.Response created =
        admin.postJson(jobs, "{\"command\": \"echo default\", \"environment\": \"kiln-minimal\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/job/compute").asString()).isEqualTo("local");
    String name = created.json().get("name").asString();
    // Nothing to run for: canceled as soon as compute-service has it.
    await().atMost(Duration.ofSeconds(30)).until(() -> !executionState(name).isEmpty());
    admin.postJson(jobs + "/" + name + "/cancel", "");
  }

  @Test
  void acceptsAzureOnlyKeysWithAWarning() {
    String yaml =
        YAML_JOB
            + """
            resources:
              instance_type: Standard_DS3_v2
            queue_settings:
              job_tier: Standard
            identity:
              type: managed
            services:
              my_jupyter:
                type: jupyter_lab
            """;
    TestHttp.Response created = postYaml(yaml);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.raw().headers().allValues(SpecKeyChecker.WARNING_HEADER))
        .contains("instance_type", "job_tier", "identity", "services");
  }

  @Test
  void acceptsTheSameJobAsJsonAndAsYaml() {
    JsonNode fromYaml = postYaml(YAML_JOB).json().get("job");
    Map<String, Object> asJson =
        JSON.readValue(
            JSON.writeValueAsString(new SafeYaml().read(YAML_JOB)),
            new TypeReference<Map<String, Object>>() {});
    TestHttp.Response fromJson = admin.postJson(jobs, JSON.writeValueAsString(asJson));

    assertThat(fromJson.status()).as(fromJson.body()).isEqualTo(201);
    assertThat(fromJson.json().get("job")).isEqualTo(fromYaml);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown compute     | compute: azureml:cpu-pool                                           | compute: azureml:gpu-pool | compute_not_found
          unknown environment | azureml:sklearn-env@latest                                          | azureml:nope:7            | environment_not_found
          unknown data asset  | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: azureml:missing:1   | data_not_found
          mltable data asset  | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: azureml:tables:1    | invalid_input
          unknown datastore   | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: azureml://datastores/nosuch/paths/w.csv | datastore_not_found
          local datastore     | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: azureml://datastores/machine/paths/w.csv | invalid_input
          """)
  void refusesAReferenceToNothingUsableAndWritesNothing(
      String what, String from, String to, String code) {
    String yaml = YAML_JOB.replace(from, to);
    assertThat(yaml).as("the case changes the job").isNotEqualTo(YAML_JOB);
    int runs = runs();
    int outbox = outbox();
    int anonymous = anonymousEnvironments().size();

    TestHttp.Response refused = postYaml(yaml);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).as(refused.body()).isEqualTo(code);
    assertThat(runs()).isEqualTo(runs);
    assertThat(outbox()).isEqualTo(outbox);
    assertThat(anonymousEnvironments()).hasSize(anonymous);
  }

  @Test
  void refusesAnInlineEnvironmentJobOnAMissingComputeWithoutRegisteringTheEnvironment() {
    int runs = runs();
    int anonymous = anonymousEnvironments().size();

    TestHttp.Response refused =
        admin.postJson(
            jobs,
            "{\"command\": \"echo\", \"compute\": \"nowhere\","
                + " \"environment\": {\"image\": \"python:3.12-slim\"}}");

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("compute_not_found");
    List<JsonNode> registered = anonymousEnvironments();
    assertThat(registered).hasSize(anonymous);
    assertThat(registered)
        .extracting(e -> e.path("image").asString())
        .doesNotContain("python:3.12-slim");
    assertThat(runs()).isEqualTo(runs);
  }

  @Test
  void cancelsASubmittedJobAndPublishesRunCanceledOnce() {
    String name = postYaml(YAML_JOB).json().get("name").asString();
    // Canceled once compute-service holds it, to see compute-service drop it from the queue.
    await().atMost(Duration.ofSeconds(30)).until(() -> executionState(name).equals("queued"));

    TestHttp.Response canceled = admin.postJson(jobs + "/" + name + "/cancel", "");
    TestHttp.Response again = admin.postJson(jobs + "/" + name + "/cancel", "");

    assertThat(canceled.json().get("status").asString()).isEqualTo("Canceled");
    assertThat(again.json().get("status").asString()).isEqualTo("Canceled");
    List<JsonNode> events =
        published("RunCanceled").stream()
            .filter(e -> e.get("runName").asString().equals(name))
            .toList();
    assertThat(events).hasSize(1);
    // compute-service drops the queued job when the event reaches it.
    await().atMost(Duration.ofSeconds(30)).until(() -> executionState(name).equals("ended"));
    assertThat(status(name)).isEqualTo("Canceled");
  }

  @Test
  void keepsASubmittedJobsStatusWhenMlflowEndsItsRun() {
    String name = postYaml(YAML_JOB).json().get("name").asString();
    String mlflow = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow/runs/update";

    TestHttp.Response ended =
        admin.postJson(
            mlflow,
            "{\"run_id\": \"" + name + "\", \"status\": \"FINISHED\", \"run_name\": \"renamed\"}");

    assertThat(ended.status()).as(ended.body()).isEqualTo(200);
    JsonNode run = admin.get(jobs + "/" + name).json();
    assertThat(run.get("status").asString()).isEqualTo("Queued");
    assertThat(run.get("displayName").asString()).isEqualTo("renamed");
    assertThat(run.get("endTime").isNull()).isTrue();
  }

  @Test
  void refusesAStatusChangeOfASubmittedJobExceptCancel() {
    String name = postYaml(YAML_JOB).json().get("name").asString();

    TestHttp.Response completed =
        admin.postJson(jobs + "/" + name + "/status", "{\"status\": \"Completed\"}");
    TestHttp.Response canceled =
        admin.postJson(jobs + "/" + name + "/status", "{\"status\": \"Canceled\"}");

    assertThat(completed.status()).as(completed.body()).isEqualTo(409);
    assertThat(completed.json().get("code").asString()).isEqualTo("status_managed_by_execution");
    assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
    assertThat(canceled.json().get("status").asString()).isEqualTo("Canceled");
    // Canceling through the status route stops the execution as the cancel route does.
    await().atMost(Duration.ofSeconds(60)).until(() -> executionState(name).equals("ended"));
  }
}
