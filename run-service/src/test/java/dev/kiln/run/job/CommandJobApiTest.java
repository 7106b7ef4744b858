package dev.kiln.run.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.spec.SpecKeyChecker;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command jobs through run-service's API: the spec read in both dialects (JSON, YAML), every bad
 * input refused with its code and nothing stored, the accepted spec answered as {@code job} and
 * published as {@code RunSubmitted}, cancel publishing {@code RunCanceled}, and MLflow not ending a
 * submitted job. workspace-service and compute-service are played by {@link PeerServices}.
 */
@RunServiceTest
class CommandJobApiTest {

  static final PeerServices peers = PeerServices.start();

  static final String SNAPSHOT = "0".repeat(64);

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

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    registry.add("kiln.services.workspace", peers::url);
    registry.add("kiln.services.compute", peers::url);
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  final JsonMapper json = JsonMapper.builder().build();

  TestHttp http;
  String workspace;
  String jobs;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "cmd");
    jobs = "/api/v1/workspaces/" + workspace + "/jobs";
  }

  private TestHttp.Response postYaml(String yaml) {
    return http.send("POST", jobs, "application/yaml", yaml);
  }

  private UUID workspaceId() {
    return jdbc.queryForObject(
        "select id from known_workspace where name = ?", UUID.class, workspace);
  }

  private int runs() {
    return jdbc.queryForObject(
        "select count(*) from run where workspace_id = ?", Integer.class, workspaceId());
  }

  /** The outbox entries of this test's workspace, of {@code type} (a simple class name). */
  private List<JsonNode> published(String type) {
    return jdbc
        .queryForList(
            "select serialized_event from event_publication where event_type like ?"
                + " and serialized_event like ? order by publication_date",
            String.class,
            "%." + type,
            "%" + workspaceId() + "%")
        .stream()
        .map(json::readTree)
        .toList();
  }

  private int outbox() {
    return jdbc.queryForObject(
        "select count(*) from event_publication where serialized_event like ?",
        Integer.class,
        "%" + workspaceId() + "%");
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
    assertThat(job.at("/environment/reference").asString()).isEqualTo("azureml:sklearn-env:3");
    assertThat(job.at("/environment/contentHash").asString()).isEqualTo("hash-sklearn-env-3");
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
    assertThat(http.get(jobs + "/" + name).json().get("job")).isEqualTo(job);
    assertThat(peers.requests())
        .extracting(PeerServices.Request::ref)
        .contains("azureml:sklearn-env@latest");
  }

  @Test
  void publishesRunSubmittedWithTheResolvedSpecInTheSameTransaction() {
    JsonNode run = postYaml(YAML_JOB).json();

    List<JsonNode> submitted = published("RunSubmitted");
    assertThat(submitted).hasSize(1);
    JsonNode event = submitted.get(0);
    assertThat(event.get("runId").asString()).isEqualTo(run.get("id").asString());
    assertThat(event.get("runName").asString()).isEqualTo(run.get("name").asString());
    assertThat(event.get("workspace").asString()).isEqualTo(workspace);
    assertThat(event.get("submitterId").asString()).isEqualTo(TestIdentities.ADMIN_ID);
    assertThat(event.get("submitterName").asString()).isEqualTo("admin");
    assertThat(event.get("job")).isEqualTo(run.get("job"));
    // The relay marks the publication complete once Kafka has acknowledged it.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from event_publication where event_type like"
                            + " '%.RunSubmitted' and serialized_event like ? and completion_date"
                            + " is not null",
                        Integer.class, "%" + run.get("id").asString() + "%")
                    == 1);
  }

  @Test
  void resolvesDataAssetsHttpsInputsCuratedAndInlineEnvironments() {
    String body =
        """
        {"command": "python t.py ${{inputs.wine}} ${{inputs.remote}}",
         "type": "command",
         "name": "inline-env",
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
    TestHttp.Response created = http.postJson(jobs, body);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode job = created.json().get("job");
    assertThat(job.at("/inputs/wine/type").asString()).isEqualTo("uri_file");
    assertThat(job.at("/inputs/wine/datastore").asString()).isEqualTo("workspaceblobstore");
    assertThat(job.at("/inputs/wine/path").asString()).isEqualTo("data/wine.csv");
    assertThat(job.at("/inputs/wine/mode").asString()).isEqualTo("download");
    assertThat(job.at("/inputs/remote/url").asString()).isEqualTo("https://example.org/data/x.csv");
    assertThat(job.at("/inputs/flag/value").asString()).isEqualTo("true");
    assertThat(job.get("compute").asString()).isEqualTo("local");
    assertThat(job.get("instanceCount").asInt()).isEqualTo(2);
    assertThat(job.at("/distribution/type").asString()).isEqualTo("pytorch");
    assertThat(job.at("/distribution/processCount").asInt()).isEqualTo(4);
    assertThat(job.get("priority").asInt()).isEqualTo(1);
    List<PeerServices.Request> registered =
        peers.writes().stream().filter(r -> r.body().contains("numpy")).toList();
    assertThat(registered).hasSize(1);
    String version =
        registered.get(0).path().substring(registered.get(0).path().lastIndexOf('/') + 1);
    assertThat(version).matches("[0-9a-f]{32}");
    assertThat(job.at("/environment/reference").asString())
        .isEqualTo("azureml:CliV2AnonymousEnvironment:" + version);

    // The same inline environment again is the same version; a curated name resolves as is.
    String again = body.replace("inline-env", "inline-env-2");
    assertThat(http.postJson(jobs, again).json().at("/job/environment/reference").asString())
        .isEqualTo("azureml:CliV2AnonymousEnvironment:" + version);
    TestHttp.Response curated =
        http.postJson(jobs, "{\"command\": \"echo hi\", \"environment\": \"kiln-sklearn\"}");
    assertThat(curated.json().at("/job/environment/reference").asString())
        .isEqualTo("azureml:kiln-sklearn:1");
  }

  @Test
  void ignoresAzureOnlyKeysWithAWarning() {
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
  void keepsATrackingRunWithoutAJob() {
    TestHttp.Response created = http.postJson(jobs, "{\"name\":\"tracked\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("status").asString()).isEqualTo("NotStarted");
    assertThat(created.json().has("job")).isTrue();
    assertThat(created.json().get("job").isNull()).isTrue();
    assertThat(http.postJson(jobs + "/tracked/cancel", "").json().get("status").asString())
        .isEqualTo("Canceled");
    assertThat(published("RunCanceled")).isEmpty();
  }

  @Test
  void refusesATypoOfAKnownKeyNamingItsLine() {
    String yaml = YAML_JOB.replace("environment: azureml", "enviroment: azureml");
    TestHttp.Response refused = postYaml(yaml);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("unknown_key");
    assertThat(refused.json().get("detail").asString())
        .contains("'enviroment'", "line 11", "'environment'");
    assertThat(runs()).isZero();
    assertThat(outbox()).isZero();
  }

  @Test
  void refusesAValueOfTheWrongShapeNamingItsLine() {
    TestHttp.Response refused = postYaml(YAML_JOB.replace("timeout: 900", "timeout: soon"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("invalid_job_spec");
    assertThat(refused.json().get("detail").asString()).contains("limits.timeout", "line 22");
    assertThat(runs()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown input binding    | --alpha ${{inputs.alpha}}        | --alpha ${{inputs.beta}}                         | unknown_binding
          unknown output binding   | --out ${{outputs.model}}         | --out ${{outputs.weights}}                       | unknown_binding
          sweep expression         | --alpha ${{inputs.alpha}}        | --alpha ${{search_space.lr}}                     | unknown_binding
          unclosed expression      | --out ${{outputs.model}}         | --out ${{outputs.model                           | unknown_binding
          local code               | experiment_name: wine-quality    | code: ./src\\nexperiment_name: wine-quality       | code_not_uploaded
          code asset               | experiment_name: wine-quality    | code: azureml:src:1\\nexperiment_name: x          | invalid_job_spec
          missing snapshot         | experiment_name: wine-quality    | code: azureml:snapshots/SNAPSHOT\\nexperiment_name: x | snapshot_not_found
          unknown compute          | compute: azureml:cpu-pool        | compute: azureml:gpu-pool                        | compute_not_found
          unknown environment      | azureml:sklearn-env@latest       | azureml:nope:7                                   | environment_not_found
          no environment           | environment: azureml:sklearn-env@latest | environment:                              | invalid_job_spec
          unknown data asset       | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: azureml:missing:1 | data_not_found
          mltable data asset       | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: azureml:tables:1 | invalid_input
          local input path         | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: ./wine.csv | invalid_input
          http input               | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: http://example.org/x | invalid_input
          climbing datastore path  | paths/tables/wine.csv            | paths/../secrets                                 | invalid_input
          input type               | type: uri_file                   | type: mltable                                    | invalid_input
          input mode               | type: uri_file                   | type: uri_file\\n    mode: rw_mount              | invalid_input
          input without value      | alpha: 0.3                       | alpha:                                           | invalid_input
          input name               | alpha: 0.3                       | 1alpha: 0.3                                      | invalid_input
          output mode              | type: uri_folder                 | type: uri_folder\\n    mode: direct              | invalid_job_spec
          output path              | type: uri_folder                 | type: uri_folder\\n    path: azureml://datastores/x/paths/y | invalid_job_spec
          timeout too short        | timeout: 900                     | timeout: 0                                       | invalid_job_spec
          timeout too long         | timeout: 900                     | timeout: 2592001                                 | invalid_job_spec
          too many instances       | timeout: 900                     | timeout: 900\\nresources:\\n  instance_count: 65 | invalid_job_spec
          too many processes       | timeout: 900                     | timeout: 900\\ndistribution:\\n  type: pytorch\\n  process_count_per_instance: 65 | invalid_job_spec
          unknown distribution     | timeout: 900                     | timeout: 900\\ndistribution:\\n  type: horovod   | invalid_job_spec
          uneven tensorflow        | timeout: 900                     | timeout: 900\\nresources:\\n  instance_count: 2\\ndistribution:\\n  type: tensorflow\\n  worker_count: 3 | invalid_job_spec
          azure priority           | timeout: 900                     | timeout: 900\\nqueue_settings:\\n  priority: urgent | invalid_job_spec
          another job type         | $schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json | type: sweep | invalid_job_spec
          reserved variable        | OMP_NUM_THREADS: "1"             | KILN_RUN_TOKEN: x                                | invalid_job_spec
          bad job name             | experiment_name: wine-quality    | name: ../x\\nexperiment_name: wine-quality        | invalid_job_name
          bad experiment name      | experiment_name: wine-quality    | experiment_name: a/b                             | invalid_experiment_name
          bad tag key              | team: cv                         | /root: cv                                        | invalid_tag_key
          inline build context     | environment: azureml:sklearn-env@latest | environment:\\n  build:\\n    path: ./docker | invalid_job_spec
          """)
  void refusesABadJobAndStoresNothing(String what, String from, String to, String code) {
    String yaml = YAML_JOB.replace(from, to.replace("\\n", "\n").replace("SNAPSHOT", SNAPSHOT));
    assertThat(yaml).as("the case changes the job").isNotEqualTo(YAML_JOB);
    int writes = peers.writes().size();

    TestHttp.Response refused = postYaml(yaml);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).as(refused.body()).isEqualTo(code);
    assertThat(runs()).isZero();
    assertThat(outbox()).isZero();
    assertThat(peers.writes()).hasSize(writes);
  }

  @Test
  void refusesAnOverlongCommandAndTooManyInputs() {
    String longCommand =
        "{\"command\": \"" + "x".repeat(64 * 1024 + 1) + "\", \"environment\": \"kiln-sklearn\"}";
    StringBuilder inputs = new StringBuilder();
    for (int i = 0; i <= JobInputs.MAX_ENTRIES; i++) {
      inputs.append(i == 0 ? "" : ",").append("\"in").append(i).append("\": ").append(i);
    }
    String manyInputs =
        "{\"command\": \"echo\", \"environment\": \"kiln-sklearn\", \"inputs\": {" + inputs + "}}";

    for (String body : List.of(longCommand, manyInputs)) {
      TestHttp.Response refused = http.postJson(jobs, body);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().get("code").asString()).isIn("invalid_job_spec", "invalid_input");
    }
    assertThat(runs()).isZero();
    assertThat(outbox()).isZero();
  }

  @Test
  void refusesAnInlineEnvironmentJobOnAMissingComputeWithoutRegisteringTheEnvironment() {
    int writes = peers.writes().size();
    TestHttp.Response refused =
        http.postJson(
            jobs,
            "{\"command\": \"echo\", \"compute\": \"nowhere\","
                + " \"environment\": {\"image\": \"python:3.12-slim\"}}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("compute_not_found");
    assertThat(peers.writes()).hasSize(writes);
    assertThat(runs()).isZero();
  }

  @Test
  void refusesADuplicateNameBeforeResolvingAnything() {
    assertThat(postYaml("name: twin\n" + YAML_JOB).status()).isEqualTo(201);
    int calls = peers.requests().size();

    TestHttp.Response again = postYaml("name: twin\n" + YAML_JOB);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asString()).isEqualTo("job_exists");
    assertThat(peers.requests()).hasSize(calls);
    assertThat(runs()).isEqualTo(1);
    assertThat(published("RunSubmitted")).hasSize(1);
  }

  @Test
  void cancelsASubmittedJobAndPublishesRunCanceledOnce() {
    String name = postYaml(YAML_JOB).json().get("name").asString();

    TestHttp.Response canceled = http.postJson(jobs + "/" + name + "/cancel", "");
    TestHttp.Response again = http.postJson(jobs + "/" + name + "/cancel", "");

    assertThat(canceled.json().get("status").asString()).isEqualTo("Canceled");
    assertThat(again.json().get("status").asString()).isEqualTo("Canceled");
    List<JsonNode> events = published("RunCanceled");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("runName").asString()).isEqualTo(name);
  }

  @Test
  void keepsASubmittedJobsStatusWhenMlflowEndsItsRun() {
    String name = postYaml(YAML_JOB).json().get("name").asString();
    String mlflow = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow/runs/update";

    TestHttp.Response ended =
        http.postJson(
            mlflow,
            "{\"run_id\": \"" + name + "\", \"status\": \"FINISHED\", \"run_name\": \"renamed\"}");

    assertThat(ended.status()).isEqualTo(200);
    JsonNode run = http.get(jobs + "/" + name).json();
    assertThat(run.get("status").asString()).isEqualTo("Queued");
    assertThat(run.get("displayName").asString()).isEqualTo("renamed");
    assertThat(run.get("endTime").isNull()).isTrue();
  }

  @Test
  void acceptsTheSameJobAsJsonAndAsYaml() {
    JsonNode fromYaml = postYaml(YAML_JOB).json().get("job");
    Map<String, Object> asJson =
        json.readValue(
            json.writeValueAsString(new dev.kiln.common.spec.SafeYaml().read(YAML_JOB)),
            new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    TestHttp.Response fromJson = http.postJson(jobs, json.writeValueAsString(asJson));

    assertThat(fromJson.status()).isEqualTo(201);
    assertThat(fromJson.json().get("job")).isEqualTo(fromYaml);
  }
}
