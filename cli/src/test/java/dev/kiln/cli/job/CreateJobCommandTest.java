package dev.kiln.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.data.Sha256;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.JsonNode;

/**
 * How {@code kiln job create} reads its spec and {@code --set}, and what it finds, checks and plans
 * locally before it sends anything. The server sits on a closed port: a run that got as far as the
 * network shows its first request in the {@code --verbose} trace and ends with exit 3; one stopped
 * earlier traces no request at all. {@code e2e}'s {@code JobCreateCommandTest} submits jobs to the
 * real platform.
 */
class CreateJobCommandTest extends CliHarness.InTempHome {

  Path project;

  @BeforeEach
  void createProject() throws IOException {
    project = Files.createDirectories(home.resolve("project"));
    write("src/train.py", "print('train')\n");
    write("tables/wine.csv", "a,b\n1,2\n");
    write("images/cats/1.png", "cat");
    write("images/dogs/2.png", "dog");
  }

  Path write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** Reads and plans, without the server. */
  static CreateJobCommand.Prepared prepare(String... args) {
    CreateJobCommand command = new CreateJobCommand();
    new CommandLine(command).parseArgs(args);
    return command.prepare();
  }

  Result create(String specText, String... more) throws IOException {
    Path spec = write("job.yml", specText);
    String[] args = new String[more.length + 6];
    args[0] = "--verbose";
    args[1] = "-w";
    args[2] = "demo";
    args[3] = "job";
    args[4] = "create";
    args[5] = "-f=" + spec;
    System.arraycopy(more, 0, args, 6, more.length);
    return run(args);
  }

  static void assertRefusedBeforeSending(Result result, String message) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(message).doesNotContain("> ");
  }

  @Test
  void readsSetValuesAsYamlScalarsInsideNestedKeys() throws IOException {
    Path spec = write("job.yml", "command: echo ${{inputs.alpha}}\ninputs:\n  alpha: 0.3\n");

    JsonNode body =
        prepare(
                "-f",
                spec.toString(),
                "--set",
                "inputs.alpha=0.5",
                "--set",
                "compute=azureml:cpu-pool",
                "--set",
                "limits.timeout=60",
                "--set",
                "tags.release=\"3\"",
                "--set",
                "description=",
                "--set",
                "tags.note=a: b")
            .spec()
            .body();

    assertThat(body.get("inputs").get("alpha").isNumber()).isTrue();
    assertThat(body.get("inputs").get("alpha").asDouble()).isEqualTo(0.5);
    assertThat(body.get("compute").asString()).isEqualTo("azureml:cpu-pool");
    assertThat(body.get("limits").get("timeout").isIntegralNumber()).isTrue();
    assertThat(body.get("limits").get("timeout").asInt()).isEqualTo(60);
    assertThat(body.get("tags").get("release").isString()).isTrue();
    assertThat(body.get("tags").get("release").asString()).isEqualTo("3");
    assertThat(body.get("description").asString()).isEmpty();
    assertThat(body.get("tags").get("note").asString()).isEqualTo("a: b");
  }

  @Test
  void nameOptionReplacesTheSpecsName() throws IOException {
    Path spec = write("job.yml", "name: from-file\ncommand: echo hi\n");

    assertThat(prepare("-f", spec.toString(), "--name", "from-option").spec().body().get("name"))
        .hasToString("\"from-option\"");
  }

  @Test
  void plansALocalFileInputUnderItsContentHashAndTypesIt() throws IOException {
    Path spec =
        write(
            "job.yml",
            "command: wc ${{inputs.table}}\ninputs:\n  table:\n    path: tables/wine.csv\n");

    CreateJobCommand.Prepared prepared = prepare("-f", spec.toString());

    String hash = Sha256.of(project.resolve("tables/wine.csv")).substring(0, 16);
    LocalInput input = prepared.inputs().get(0);
    assertThat(input.name()).isEqualTo("table");
    assertThat(input.path())
        .isEqualTo(
            "azureml://datastores/workspaceblobstore/paths/LocalUpload/" + hash + "/wine.csv");
    assertThat(input.plan().prefix()).isEqualTo("LocalUpload/" + hash);
    assertThat(input.entry().get("type").asString()).isEqualTo("uri_file");
    // The path changes only once the file is uploaded.
    assertThat(input.entry().get("path").asString()).isEqualTo("tables/wine.csv");
  }

  @Test
  void plansALocalFolderInputUnderItsHashAndOwnName() throws IOException {
    Path spec =
        write("job.yml", "command: ls ${{inputs.imgs}}\ninputs:\n  imgs:\n    path: ./images/\n");

    LocalInput input = prepare("-f", spec.toString()).inputs().get(0);

    String hash =
        Sha256.of(
                "cats/1.png\t"
                    + Sha256.of(project.resolve("images/cats/1.png"))
                    + "\ndogs/2.png\t"
                    + Sha256.of(project.resolve("images/dogs/2.png"))
                    + "\n")
            .substring(0, 16);
    assertThat(input.path())
        .isEqualTo(
            "azureml://datastores/workspaceblobstore/paths/LocalUpload/" + hash + "/images/");
    assertThat(input.plan().prefix()).isEqualTo("LocalUpload/" + hash + "/images");
    assertThat(input.entry().get("type").asString()).isEqualTo("uri_folder");
  }

  @Test
  void leavesLiteralsDatastorePathsUrlsAssetsAndSnapshotsToTheServer() throws IOException {
    Path spec =
        write(
            "job.yml",
            """
            command: echo
            code: azureml:snapshots/abc
            inputs:
              n: 3
              word: tables/wine.csv
              stored: {type: uri_file, path: azureml://datastores/workspaceblobstore/paths/t.csv}
              web: {type: uri_file, path: https://example.org/t.csv}
              asset: {type: uri_folder, path: azureml:wine@latest}
            environment: azureml:sklearn-env@latest
            """);

    CreateJobCommand.Prepared prepared = prepare("-f", spec.toString());

    assertThat(prepared.code()).isEmpty();
    assertThat(prepared.inputs()).isEmpty();
    assertThat(prepared.spec().body().get("code").asString()).isEqualTo("azureml:snapshots/abc");
  }

  @Test
  void findsTheCodeFolderRelativeToTheSpecFile() throws IOException {
    Path spec = write("specs/job.yml", "command: python train.py\ncode: ../src\n");

    assertThat(prepare("-f", spec.toString()).code()).isPresent();
  }

  @Test
  void inlinesTheCondaFileOfAnInlineEnvironment() throws IOException {
    write("env/conda.yaml", "dependencies:\n  - pip:\n    - scikit-learn\n");
    Path spec =
        write(
            "job.yml",
            "command: echo\nenvironment:\n  image: python:3.11-slim\n  conda_file: env/conda.yaml\n");

    JsonNode environment = prepare("-f", spec.toString()).spec().body().get("environment");

    assertThat(environment.get("conda_file").asString())
        .isEqualTo("dependencies:\n  - pip:\n    - scikit-learn\n");
    assertThat(environment.get("image").asString()).isEqualTo("python:3.11-slim");
  }

  @Test
  void refusesAMissingCodeFolderBeforeSendingAnything() throws IOException {
    Result result = create("command: python train.py\ncode: ./nowhere\n");

    assertRefusedBeforeSending(result, "'code' in '");
    assertThat(result.err()).contains("names './nowhere', which does not exist");
    assertThat(result.err().lines().filter(line -> line.startsWith("kiln: "))).hasSize(1);
  }

  @Test
  void refusesAMissingLocalInputEvenAfterAValidCodeFolder() throws IOException {
    Result result =
        create(
            "command: python train.py\ncode: ./src\ninputs:\n  t:\n    type: uri_file\n    path: ./gone.csv\n");

    assertRefusedBeforeSending(result, "'inputs.t.path' in '");
  }

  @Test
  void refusesCodeThatIsAFile() throws IOException {
    assertRefusedBeforeSending(
        create("command: python train.py\ncode: ./src/train.py\n"), "code must be a folder");
  }

  @Test
  void refusesCodeTogetherWithASnapshotId() throws IOException {
    assertRefusedBeforeSending(
        create("command: python train.py\ncode: ./src\nsnapshot_id: abc\n"),
        "both name the job's code");
  }

  @Test
  void refusesAnInputTypeThatDoesNotFitTheLocalPath() throws IOException {
    assertRefusedBeforeSending(
        create("command: ls\ninputs:\n  imgs:\n    type: uri_file\n    path: ./images\n"),
        "type uri_file needs a file");
  }

  @Test
  void refusesAnOutputWithALocalPath() throws IOException {
    assertRefusedBeforeSending(
        create("command: ls\noutputs:\n  model:\n    type: uri_folder\n    path: ./model\n"),
        "'outputs.model.path' in '");
  }

  @Test
  void refusesAnEnvironmentBuildContext() throws IOException {
    assertRefusedBeforeSending(
        create("command: ls\nenvironment:\n  build:\n    path: ./docker\n"),
        "environments built from a Docker context are not supported yet");
  }

  @Test
  void refusesAMissingCondaFile() throws IOException {
    assertRefusedBeforeSending(
        create("command: ls\nenvironment:\n  image: python:3.11\n  conda_file: none.yaml\n"),
        "cannot read conda file 'none.yaml'");
  }

  @Test
  void refusesAFileUrlAsAnInputPath() {
    Path spec = project.resolve("job.yml");
    assertThatThrownBy(
            () -> {
              write("job.yml", "command: ls\ninputs:\n  t:\n    path: file:///tmp/t.csv\n");
              prepare("-f", spec.toString());
            })
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("is a file: URL");
  }

  @Test
  void refusesASetWithoutAValueAsAUsageError() throws IOException {
    Path spec = write("job.yml", "command: ls\n");

    assertThatThrownBy(() -> prepare("-f", spec.toString(), "--set", "compute"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--set expects key=value");
  }

  @Test
  void uploadsTheCodeFirstOnceEverythingLocalIsThere() throws IOException {
    Result result =
        create(
            "command: python train.py ${{inputs.t}}\ncode: ./src\ninputs:\n  t:\n    path: tables/wine.csv\n");

    CliHarness.assertSent(result, "> POST /api/v1/workspaces/demo/snapshots/missing");
  }

  @Test
  void postsAJobWithoutLocalFilesStraightAway() throws IOException {
    Result result = create("command: echo hi\nenvironment: azureml:sklearn-env@latest\n");

    CliHarness.assertSent(result, "> POST /api/v1/workspaces/demo/jobs");
  }
}
