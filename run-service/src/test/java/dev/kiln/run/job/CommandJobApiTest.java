package dev.kiln.run.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.spec.SpecKeyChecker;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command jobs through run-service's API, up to the point where run-service would ask another
 * service: every input refused by run-service's own checks (keys and their lines, names, limits,
 * bindings, code, snapshots, duplicate names) with its code and nothing stored, Azure-only keys
 * passed with a warning, and a spec that passes every check answered 503 {@code
 * dependency_unavailable} when no {@code kiln.services.*} address is configured, as here. Resolving
 * references, {@code RunSubmitted}, cancel and MLflow on a submitted job are tested against the
 * real services in {@code standalone}'s {@code CommandJobResolutionTest}.
 */
@RunServiceTest
class CommandJobApiTest {

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
  void answersDependencyUnavailableAndStoresNothingWhenNoOtherServiceIsConfigured() {
    TestHttp.Response unavailable = postYaml(YAML_JOB);

    assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(503);
    assertThat(unavailable.json().get("code").asString()).isEqualTo("dependency_unavailable");
    assertThat(unavailable.json().get("detail").asString())
        .contains("compute-service is not configured");
    assertThat(runs()).isZero();
    assertThat(outbox()).isZero();
  }

  @Test
  void refusesAJobInADeletedExperimentBeforeAskingAnyOtherService() {
    String experiments = "/api/v1/workspaces/" + workspace + "/experiments/wine-quality";
    assertThat(http.send("PUT", experiments, "application/json", "{}").status()).isIn(200, 201);
    assertThat(http.delete(experiments).status()).isEqualTo(204);

    TestHttp.Response refused = postYaml(YAML_JOB);

    // 400, not the 503 of the other services it would need next: nothing was asked of them.
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("experiment_deleted");
    assertThat(runs()).isZero();
    assertThat(outbox()).isZero();
  }

  @Test
  void passesAzureOnlyKeysOnWithAWarning() {
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
    TestHttp.Response passed = postYaml(yaml);

    // Past run-service's own checks the job needs compute-service, which this test has not.
    assertThat(passed.status()).as(passed.body()).isEqualTo(503);
    assertThat(passed.json().get("code").asString()).isEqualTo("dependency_unavailable");
    assertThat(passed.raw().headers().allValues(SpecKeyChecker.WARNING_HEADER))
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
          no environment           | environment: azureml:sklearn-env@latest | environment:                              | invalid_job_spec
          local input path         | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: ./wine.csv | invalid_input
          http input               | path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv | path: http://example.org/x | invalid_input
          climbing datastore path  | paths/tables/wine.csv            | paths/../secrets                                 | invalid_input
          file path of a folder    | paths/tables/wine.csv            | paths/tables/                                    | invalid_input
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

    TestHttp.Response refused = postYaml(yaml);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).as(refused.body()).isEqualTo(code);
    assertThat(runs()).isZero();
    assertThat(outbox()).isZero();
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
  void refusesADuplicateNameBeforeResolvingAnything() {
    assertThat(http.postJson(jobs, "{\"name\":\"twin\"}").status()).isEqualTo(201);

    TestHttp.Response again = postYaml("name: twin\n" + YAML_JOB);

    // A 409 rather than the 503 of resolving without compute-service: decided before any call.
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().get("code").asString()).isEqualTo("job_exists");
    assertThat(runs()).isEqualTo(1);
    assertThat(published("RunSubmitted")).isEmpty();
  }
}
