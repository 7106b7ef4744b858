package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@WorkspaceServiceTest
class EnvironmentValidationApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  EnvironmentApi api;

  @BeforeEach
  void setUp() {
    api = EnvironmentApi.inNewWorkspace(port, dataSource);
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of("invalid_image", Map.of("image", "x".repeat(513))),
        Arguments.of("invalid_image", Map.of("image", "python:3.11 slim")),
        Arguments.of("invalid_image", Map.of("image", "python:3.11-slim\nFROM evil")),
        Arguments.of("invalid_image", Map.of("image", "")),
        Arguments.of(
            "invalid_requirement", Map.of("pip_requirements", Collections.nCopies(501, "numpy"))),
        Arguments.of("invalid_requirement", Map.of("pip_requirements", List.of("x".repeat(501)))),
        Arguments.of("invalid_requirement", Map.of("pip_requirements", List.of("numpy\nscipy"))),
        Arguments.of(
            "invalid_requirement",
            Map.of("pip_requirements", List.of("--index-url https://evil.example/simple"))),
        Arguments.of("invalid_requirement", Map.of("pip_requirements", List.of("-e ."))),
        Arguments.of("invalid_requirement", Map.of("pip_requirements", List.of("-r other.txt"))),
        Arguments.of(
            "invalid_requirement",
            Map.of("pip_requirements", List.of("pkg @ https://evil.example/pkg.whl"))),
        Arguments.of(
            "invalid_requirement",
            Map.of("pip_requirements", List.of("git+https://github.com/x/y.git"))),
        Arguments.of("invalid_requirement", Map.of("pip_requirements", List.of("./local/pkg"))),
        Arguments.of(
            "invalid_requirement",
            Map.of("conda_file", "dependencies:\n  - pip:\n      - --extra-index-url x\n")),
        Arguments.of(
            "invalid_environment_variable", Map.of("environment_variables", Map.of("1BAD", "x"))),
        Arguments.of(
            "invalid_environment_variable",
            Map.of("environment_variables", Map.of("BAD-NAME", "x"))),
        Arguments.of(
            "invalid_environment_variable",
            Map.of("environment_variables", Map.of("OK", "x".repeat(4097)))),
        Arguments.of("invalid_conda_file", Map.of("conda_file", "dependencies: [unclosed")),
        Arguments.of("invalid_conda_file", Map.of("conda_file", "conda.yaml")),
        Arguments.of("invalid_conda_file", Map.of("conda_file", "dependencies: numpy")),
        Arguments.of("invalid_conda_file", Map.of("conda_file", List.of("numpy"))),
        Arguments.of("invalid_conda_file", Map.of("conda_file", "dependencies:\n  - pip: numpy\n")),
        Arguments.of("invalid_python_version", Map.of("python_version", "three")),
        Arguments.of("name_mismatch", Map.of("name", "other")),
        Arguments.of("version_mismatch", Map.of("version", "2")),
        Arguments.of("invalid_version", Map.of("version", "latest")));
  }

  @ParameterizedTest
  @MethodSource("invalidSpecs")
  void refusesAnInvalidSpecAndWritesNothing(String code, Map<String, Object> spec) {
    int before = api.rows();
    TestHttp.Response response =
        spec.containsKey("version") && !spec.get("version").equals("latest")
            ? api.put("bad", "1", spec)
            : api.post("bad", spec);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asString()).isEqualTo(code);
    assertThat(api.rows()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-leading-dash", "_underscore", ".dot", "bad!name"})
  void refusesAnInvalidNameAndWritesNothing(String name) {
    int before = api.rows();
    TestHttp.Response response = api.post(name, Map.of());
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(api.rows()).isEqualTo(before);
  }

  @Test
  void refusesATooLongNameAndWritesNothing() {
    int before = api.rows();
    assertThat(api.post("n".repeat(256), Map.of()).status()).isEqualTo(400);
    assertThat(api.rows()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latest",
        "-1",
        "1.0+local",
        "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"
      })
  void refusesAnInvalidVersionAndWritesNothing(String version) {
    int before = api.rows();
    TestHttp.Response response = api.put("env", version, Map.of());
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("invalid_version");
    assertThat(api.rows()).isEqualTo(before);
  }

  @Test
  void refusesABodyThatIsNotASpecAndWritesNothing() {
    int before = api.rows();
    assertThat(api.post("env", "[1, 2").status()).isEqualTo(400);
    assertThat(api.post("env", "[]").status()).isEqualTo(400);
    assertThat(api.post("env", Map.of("pip_requirements", Map.of("a", "b"))).status())
        .isEqualTo(400);
    assertThat(api.rows()).isEqualTo(before);
  }

  @Test
  void answers404ForAnUnknownWorkspaceAndWritesNothing() {
    int before = api.rows();
    TestHttp.Response response =
        api.http.postJson("/api/v1/workspaces/no-such-workspace-y/environments/e/versions", "{}");
    assertThat(response.status()).isEqualTo(404);
    assertThat(api.rows()).isEqualTo(before);
  }
}
