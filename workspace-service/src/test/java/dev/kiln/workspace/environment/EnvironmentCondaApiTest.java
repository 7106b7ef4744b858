package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@WorkspaceServiceTest
class EnvironmentCondaApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  EnvironmentApi api;

  @BeforeEach
  void setUp() {
    api = EnvironmentApi.inNewWorkspace(port, dataSource);
  }

  @Test
  void installsTheCondaFilesPipSectionMergedWithPipRequirements() {
    String conda =
        """
        name: training
        channels: [conda-forge]
        dependencies:
          - python=3.10.4
          - scipy          # a conda package: not installed, not hashed
          - pip
          - pip:
              - Scikit_Learn==1.5.2
              - mlflow==2.17.2
        """;
    TestHttp.Response fromText =
        api.post("conda", Map.of("conda_file", conda, "pip_requirements", List.of("pandas")));
    assertThat(fromText.status()).as(fromText.body()).isEqualTo(201);
    assertThat(fromText.json().get("pythonVersion").asString()).isEqualTo("3.10");
    assertThat(fromText.json().get("image").asString()).isEqualTo("python:3.10-slim");
    assertThat(fromText.json().get("pipRequirements").toString())
        .isEqualTo("[\"mlflow==2.17.2\",\"pandas\",\"scikit-learn==1.5.2\"]");
    assertThat(fromText.json().get("condaFile").asString()).isEqualTo(conda);

    Map<String, Object> asMapping =
        Map.of(
            "conda_file",
            Map.of(
                "dependencies",
                List.of("python=3.10", Map.of("pip", List.of("mlflow==2.17.2", "pandas")))),
            "pip_requirements",
            List.of("scikit-learn==1.5.2"));
    TestHttp.Response fromMapping = api.post("conda", asMapping);
    assertThat(fromMapping.status()).as(fromMapping.body()).isEqualTo(201);
    assertThat(fromMapping.json().get("contentHash").asString())
        .isEqualTo(fromText.json().get("contentHash").asString());

    Map<String, Object> withoutConda =
        Map.of(
            "python_version",
            "3.10",
            "pip_requirements",
            List.of("scikit-learn==1.5.2", "mlflow==2.17.2", "pandas"));
    assertThat(api.post("plain", withoutConda).json().get("contentHash").asString())
        .isEqualTo(fromText.json().get("contentHash").asString());
  }

  @Test
  void refusesAnInvalidCondaFileAndWritesNothing() {
    int before = api.rows();
    TestHttp.Response response =
        api.post("broken", Map.of("conda_file", "dependencies:\n  - pip: [numpy\n"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("invalid_conda_file");
    assertThat(api.rows()).isEqualTo(before);
  }
}
