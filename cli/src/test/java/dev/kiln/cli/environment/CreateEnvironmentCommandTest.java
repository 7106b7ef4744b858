package dev.kiln.cli.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.asset.AssetSpec;
import dev.kiln.cli.config.Environment;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How {@code kiln environment create} inlines the conda file and a requirements file, and which
 * request it sends; the server sits on a closed port, so reaching it shows as exit 3.
 */
class CreateEnvironmentCommandTest {

  /** The environment example of YAML.md. */
  static final String SKLEARN_ENV =
      """
      $schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json
      name: sklearn-env
      image: python:3.11-slim
      conda_file: conda.yaml   # its `dependencies:` pip section is what Kiln installs
      """;

  static final String CONDA =
      """
      name: sklearn
      dependencies:
        - python=3.11
        - pip:
            - scikit-learn==1.5.2
      """;

  @TempDir Path home;
  Environment environment;
  Path specs;

  @BeforeEach
  void setUp() throws IOException {
    environment = CliHarness.environment(home, Map.of());
    specs = Files.createDirectories(home.resolve("project/envs"));
  }

  Path write(String relative, String text) throws IOException {
    Path file = specs.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  static AssetSpec requestFor(String... args) {
    CreateEnvironmentCommand command = new CreateEnvironmentCommand();
    new CommandLine(command).parseArgs(args);
    return command.request();
  }

  @Test
  void sendsTheTextOfTheCondaFileNextToTheSpec() throws IOException {
    write("conda.yaml", CONDA);
    Path spec = write("env.yml", SKLEARN_ENV);

    AssetSpec request = requestFor("-f", spec.toString());

    assertThat(request.name()).isEqualTo("sklearn-env");
    assertThat(request.version()).isNull();
    assertThat(request.body())
        .isEqualTo(
            Mappers.JSON
                .createObjectNode()
                .put(
                    "$schema",
                    "https://azuremlschemas.azureedge.net/latest/environment.schema.json")
                .put("name", "sklearn-env")
                .put("image", "python:3.11-slim")
                .put("conda_file", CONDA));
  }

  @Test
  void readsTheCondaFileRelativeToTheSpecFileNotTheWorkingFolder() throws IOException {
    write("deps/conda.yaml", CONDA);
    Path spec = write("nested/env.yml", "name: e\nconda_file: ../deps/conda.yaml\n");

    assertThat(requestFor("-f", spec.toString()).body().get("conda_file").asString())
        .isEqualTo(CONDA);
  }

  @Test
  void sendsCondaContentWrittenInTheSpecAsItIs() throws IOException {
    Path block = write("block.yml", "name: e\nconda_file: |\n  dependencies:\n    - python=3.11\n");
    Path mapping =
        write("mapping.yml", "name: e\nconda_file:\n  dependencies:\n    - python=3.11\n");

    assertThat(requestFor("-f", block.toString()).body().get("conda_file").asString())
        .isEqualTo("dependencies:\n  - python=3.11\n");
    assertThat(requestFor("-f", mapping.toString()).body().get("conda_file").isObject()).isTrue();
  }

  @Test
  void failsWithExitTwoNamingAMissingCondaFile() throws IOException {
    Path spec = write("env.yml", SKLEARN_ENV);

    assertThatThrownBy(() -> requestFor("-f", spec.toString()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageStartingWith("cannot read conda file 'conda.yaml' of '" + spec + "' (")
        .hasMessageContaining(specs.toAbsolutePath().resolve("conda.yaml").toString())
        .hasMessageEndingWith("no such file (relative paths start at the spec file's folder)");
  }

  @Test
  void sendsTheRequirementsOfARequirementsFileAsAList() throws IOException {
    write(
        "requirements.txt",
        """
        # training
        scikit-learn==1.5.2

        pandas>=2.0   # tables
          numpy
        """);
    Path spec = write("env.yml", "name: e\npip_requirements: requirements.txt\n");

    AssetSpec request = requestFor("-f", spec.toString());

    assertThat(request.body().get("pip_requirements"))
        .isEqualTo(
            Mappers.JSON
                .createArrayNode()
                .add("scikit-learn==1.5.2")
                .add("pandas>=2.0")
                .add("numpy"));
  }

  @Test
  void readsRequirementLinesWithoutBlanksAndComments() {
    assertThat(LocalFiles.requirements("a\n\n# b\n  c==1 # pinned\r\nd#e\n"))
        .containsExactly("a", "c==1", "d#e");
  }

  @Test
  void sendsARequirementsListAsItIs() throws IOException {
    Path spec = write("env.yml", "name: e\npip_requirements: [numpy, pandas]\n");

    assertThat(requestFor("-f", spec.toString()).body().get("pip_requirements"))
        .isEqualTo(Mappers.JSON.createArrayNode().add("numpy").add("pandas"));
  }

  @Test
  void refusesRequirementsThatAreNeitherAListNorATxtFile() throws IOException {
    Path spec = write("env.yml", "name: e\npip_requirements: numpy\n");

    assertThatThrownBy(() -> requestFor("-f", spec.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("must be a list of requirements or the path of a requirements file");
  }

  @Test
  void failsWithExitTwoNamingAMissingRequirementsFile() throws IOException {
    Path spec = write("env.yml", "name: e\npip_requirements: reqs/absent.txt\n");

    assertThatThrownBy(() -> requestFor("-f", spec.toString()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageStartingWith("cannot read requirements file 'reqs/absent.txt'");
  }

  @Test
  void sendsPythonVersionAsTextAndRefusesANumberYamlMayHaveChanged() throws IOException {
    Path quoted = write("quoted.yml", "name: e\npython_version: \"3.10\"\n");
    Path number = write("number.yml", "name: e\npython_version: 3.10\n");

    assertThat(requestFor("-f", quoted.toString()).body().get("python_version").asString())
        .isEqualTo("3.10");
    assertThatThrownBy(() -> requestFor("-f", number.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("'python_version' in '" + number + "' is the number 3.1")
        .hasMessageContaining("write it in quotes");
  }

  @Test
  void appliesOverridesBeforeInliningFiles() throws IOException {
    write("other.yaml", "dependencies: []\n");
    write("conda.yaml", CONDA);
    Path spec = write("env.yml", SKLEARN_ENV);

    AssetSpec request =
        requestFor(
            "-f", spec.toString(), "--set", "conda_file=other.yaml", "--set", "tags.team=ml");

    assertThat(request.body().get("conda_file").asString()).isEqualTo("dependencies: []\n");
    assertThat(request.body().get("tags").get("team").asString()).isEqualTo("ml");
  }

  @Test
  void postsWhenNoVersionIsGiven() throws IOException {
    write("conda.yaml", CONDA);
    Path spec = write("env.yml", SKLEARN_ENV);

    Result result =
        CliHarness.run(
            environment, "-w", "demo", "env", "create", "-f", spec.toString(), "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains("> POST /api/v1/workspaces/demo/environments/sklearn-env/versions ")
        .doesNotContain("> PUT");
  }

  @Test
  void putsTheVersionGiven() throws IOException {
    write("conda.yaml", CONDA);
    Path spec = write("env.yml", SKLEARN_ENV);

    Result result =
        CliHarness.run(
            environment,
            "-w",
            "demo",
            "environment",
            "create",
            "-f",
            spec.toString(),
            "--name",
            "my env",
            "--version",
            "1",
            "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains("> PUT /api/v1/workspaces/demo/environments/my%20env/versions/1 ")
        .doesNotContain("> POST");
  }

  @Test
  void requiresAWorkspace() throws IOException {
    Path spec = write("env.yml", SKLEARN_ENV);

    Result result = CliHarness.run(environment, "env", "create", "-f", spec.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no workspace selected");
  }

  @Test
  void failsWithExitTwoWithoutANameOnOneLine() throws IOException {
    Path spec = write("env.yml", "image: python:3.11-slim\n");

    Result result =
        CliHarness.run(environment, "-w", "demo", "env", "create", "-f", spec.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("kiln: the environment has no name: add 'name: <name>' to '" + spec + "'");
  }
}
