package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@WorkspaceServiceTest
class CuratedEnvironmentsApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired CuratedEnvironmentSeeder seeder;

  EnvironmentApi api;

  @BeforeEach
  void setUp() {
    api = EnvironmentApi.inNewWorkspace(port, dataSource);
  }

  private int curatedRows() {
    return api.jdbc.queryForObject(
        "select count(*) from environment where curated and workspace_id is null", Integer.class);
  }

  @Test
  void seedsTheCuratedEnvironmentsOnceHoweverOftenItRuns() {
    assertThat(curatedRows()).isEqualTo(CuratedEnvironments.ALL.size());
    seeder.seed();
    seeder.seed();
    assertThat(curatedRows()).isEqualTo(CuratedEnvironments.ALL.size());
  }

  @Test
  void listsTheCuratedEnvironmentsInEveryWorkspace() {
    JsonNode items = api.list().json().get("items");
    assertThat(items.findValuesAsString("name"))
        .contains("kiln-minimal", "kiln-sklearn", "kiln-pytorch", "kiln-tensorflow");
    for (JsonNode item : items.values()) {
      assertThat(item.get("curated").asBoolean()).isTrue();
      assertThat(item.get("image").asString()).isEqualTo("python:3.11-slim");
      assertThat(item.get("pythonVersion").asString()).isEqualTo("3.11");
    }
    JsonNode sklearn = api.show("kiln-sklearn", "latest").json();
    assertThat(sklearn.get("pipRequirements").values())
        .extracting(JsonNode::asString)
        .containsExactly("mlflow==2.17.2", "numpy==2.1.3", "pandas==2.2.3", "scikit-learn==1.5.2");
    assertThat(api.show("kiln-minimal", "1").json().get("pipRequirements").isEmpty()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1, kiln-sklearn",
    "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest, kiln-sklearn",
    "AzureML-sklearn-0.24-ubuntu18.04-py37-cpu, kiln-sklearn",
    "azureml:azureml-SKLEARN-1.5:33, kiln-sklearn",
    "AzureML-minimal-ubuntu18.04-py37-cpu-inference@latest, kiln-minimal",
    "azureml:AzureML-Minimal:5, kiln-minimal",
    "azureml:AzureML-pytorch-1.10-ubuntu18.04-py38-cuda11-gpu:1, kiln-pytorch",
    "azureml:AzureML-ACPT-pytorch-1.13-py38-cuda11.7-gpu@latest, kiln-pytorch",
    "AzureML-tensorflow-2.4-ubuntu18.04-py37-cuda11-gpu:3, kiln-tensorflow",
    "azureml:AzureML-TensorFlow-2.3-CPU, kiln-tensorflow",
    "azureml://registries/azureml/environments/sklearn-1.5/labels/latest, kiln-sklearn",
    "azureml://registries/azureml/environments/minimal-py311-inference/versions/12, kiln-minimal",
    "azureml:kiln-sklearn:1, kiln-sklearn",
    "kiln-pytorch@latest, kiln-pytorch",
    "kiln-tensorflow, kiln-tensorflow"
  })
  void resolvesAzureCuratedNamesToTheCuratedEnvironmentOfTheirFramework(
      String reference, String curated) {
    TestHttp.Response resolved = api.resolve(reference);
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().get("name").asString()).isEqualTo(curated);
    assertThat(resolved.json().get("curated").asBoolean()).isTrue();
  }

  @Test
  void showsAnAzureCuratedNameByPathToo() {
    TestHttp.Response shown = api.show("AzureML-sklearn-1.0-ubuntu20.04-py38-cpu", "1");
    assertThat(shown.json().get("name").asString()).isEqualTo("kiln-sklearn");
  }

  @Test
  void answersUnknownAzureCuratedNamesWithTheAlternatives() {
    TestHttp.Response lightgbm = api.resolve("azureml:AzureML-lightgbm-3.2-ubuntu18.04-py37-cpu:1");
    assertThat(lightgbm.status()).isEqualTo(404);
    assertThat(lightgbm.json().get("detail").asString()).contains("kiln-sklearn");
    assertThat(api.resolve("azureml://registries/contoso/environments/x/labels/latest").status())
        .isEqualTo(400);
  }

  @Test
  void refusesToCreateReplaceOrArchiveCuratedEnvironments() {
    int before = api.rows();
    Map<String, Object> spec = Map.of("pip_requirements", List.of("numpy"));
    for (TestHttp.Response refused :
        List.of(
            api.put("kiln-sklearn", "1", spec),
            api.put("kiln-sklearn", "2", spec),
            api.post("Kiln-Minimal", spec),
            api.post("AzureML-sklearn-custom", spec),
            api.archive("kiln-sklearn", "1"),
            api.archive("AzureML-sklearn-1.0-ubuntu20.04-py38-cpu", "1"))) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().get("code").asString()).isEqualTo("curated_environment");
    }
    assertThat(api.rows()).isEqualTo(before);
    assertThat(api.show("kiln-sklearn", "1").json().get("archived").asBoolean()).isFalse();
  }

  @Test
  void aWorkspacesOwnEnvironmentShadowsTheCuratedOneOfTheSameName() {
    // As when a later Kiln release curates a name a workspace already uses.
    api.jdbc.update(
        "insert into environment (id, workspace_id, name, version, curated, tags, image,"
            + " pip_requirements, environment_variables, content_hash, created_at)"
            + " select gen_random_uuid(), id, 'kiln-sklearn', '1', false, '{}', 'python:3.9',"
            + " '[\"scikit-learn==0.24.2\"]', '{}', repeat('0', 64), now()"
            + " from workspace where name = ?",
        api.workspace);

    JsonNode own = api.resolve("azureml:kiln-sklearn@latest").json();
    assertThat(own.get("curated").asBoolean()).isFalse();
    assertThat(own.get("image").asString()).isEqualTo("python:3.9");
    JsonNode listed = api.list().json().get("items");
    assertThat(listed.findValuesAsString("name")).containsOnlyOnce("kiln-sklearn");
    assertThat(
            listed.findParents("name").stream()
                .filter(item -> item.get("name").asString().equals("kiln-sklearn"))
                .allMatch(item -> !item.get("curated").asBoolean()))
        .isTrue();
    // The workspace keeps versioning its own environment of that name.
    assertThat(api.post("kiln-sklearn", Map.of("pip_requirements", List.of("numpy"))).status())
        .isEqualTo(201);

    EnvironmentApi other = EnvironmentApi.inNewWorkspace(port, dataSource);
    assertThat(other.resolve("kiln-sklearn").json().get("curated").asBoolean()).isTrue();
  }
}
