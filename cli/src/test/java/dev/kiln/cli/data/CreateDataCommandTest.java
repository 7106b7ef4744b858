package dev.kiln.cli.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.asset.AssetSpec;
import dev.kiln.cli.config.Environment;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How {@code kiln data create} reads its spec, resolves and plans a local path, and which request
 * it sends; the server sits on a closed port, so reaching it shows as exit 3 with the request line
 * in the {@code --verbose} trace.
 */
class CreateDataCommandTest {

  @TempDir Path home;
  Environment environment;
  Path specs;

  @BeforeEach
  void setUp() throws IOException {
    environment = CliHarness.environment(home, Map.of());
    specs = Files.createDirectories(home.resolve("project/specs"));
  }

  Path write(Path folder, String name, String text) throws IOException {
    Files.createDirectories(folder);
    return Files.writeString(folder.resolve(name), text);
  }

  /** Runs the parsing and planning of the command, without the server. */
  static Planned plan(String... args) {
    CreateDataCommand command = new CreateDataCommand();
    new CommandLine(command).parseArgs(args);
    AssetSpec asset = command.options.read(DataAssets.KIND);
    return new Planned(asset, command.plan(asset));
  }

  record Planned(AssetSpec asset, Optional<UploadPlan> upload) {
    String path() {
      return asset.body().get("path").asString();
    }

    String type() {
      return asset.body().path("type").asString(null);
    }
  }

  @Test
  void resolvesARelativeFileAgainstTheSpecFilesFolderAndRegistersItsUpload() throws IOException {
    Path csv = write(home.resolve("project/data"), "wine.csv", "a,b\n");
    Path spec = write(specs, "wine.yml", "name: wine\npath: ../data/wine.csv\n");

    Planned planned = plan("-f", spec.toString());

    UploadPlan upload = planned.upload().orElseThrow();
    assertThat(upload.source()).isEqualTo(csv.toAbsolutePath());
    assertThat(planned.path())
        .isEqualTo("azureml://datastores/workspaceblobstore/paths/" + upload.prefix() + "/wine.csv")
        .matches("azureml://datastores/workspaceblobstore/paths/LocalUpload/[0-9a-f]{16}/wine.csv");
    assertThat(planned.type()).isEqualTo("uri_file");
  }

  @Test
  void resolvesARelativeFolderAgainstTheSpecFilesFolderNotTheWorkingFolder() throws IOException {
    write(specs.resolve("data/sub"), "part.csv", "1");
    Path spec = write(specs, "data.yml", "name: parts\npath: ./data\n");

    Planned planned = plan("-f", spec.toString());

    UploadPlan upload = planned.upload().orElseThrow();
    assertThat(upload.files()).extracting(UploadFile::relativePath).containsExactly("sub/part.csv");
    assertThat(planned.path())
        .isEqualTo("azureml://datastores/workspaceblobstore/paths/" + upload.prefix())
        .doesNotEndWith("/");
    assertThat(planned.type()).isEqualTo("uri_folder");
  }

  @Test
  void takesAnAbsoluteLocalPathAsItIs() throws IOException {
    Path csv = write(home.resolve("elsewhere"), "x.csv", "x");
    Path spec = write(specs, "x.yml", "name: x\npath: " + csv.toAbsolutePath() + "\n");

    assertThat(plan("-f", spec.toString()).upload().orElseThrow().source())
        .isEqualTo(csv.toAbsolutePath());
  }

  @Test
  void keepsADeclaredTypeThatFits() throws IOException {
    write(specs.resolve("table"), "MLTable", "paths: []\n");
    Path spec = write(specs, "t.yml", "name: t\ntype: mltable\npath: table\n");

    assertThat(plan("-f", spec.toString()).type()).isEqualTo("mltable");
  }

  @Test
  void takesThePathFromSetRelativeToTheSpecFile() throws IOException {
    write(specs.resolve("other"), "y.csv", "y");
    Path spec = write(specs, "y.yml", "name: y\npath: ./missing.csv\n");

    Planned planned = plan("-f", spec.toString(), "--set", "path=other/y.csv");

    assertThat(planned.path()).endsWith("/y.csv");
  }

  @Test
  void leavesDatastoreAndHttpsPathsForTheServer() throws IOException {
    Path ds =
        write(
            specs,
            "ds.yml",
            "name: t\npath: azureml://datastores/lake/paths/tables/wine.csv\ntype: uri_file\n");
    Path url = write(specs, "url.yml", "name: u\npath: https://example.org/data/wine.csv\n");

    Planned onDatastore = plan("-f", ds.toString());
    Planned atUrl = plan("-f", url.toString());

    assertThat(onDatastore.upload()).isEmpty();
    assertThat(onDatastore.path()).isEqualTo("azureml://datastores/lake/paths/tables/wine.csv");
    assertThat(atUrl.upload()).isEmpty();
    assertThat(atUrl.path()).isEqualTo("https://example.org/data/wine.csv");
    assertThat(atUrl.type()).isNull();
  }

  @Test
  void refusesFileUrls() throws IOException {
    Path spec = write(specs, "f.yml", "name: f\npath: file:///srv/data\n");

    assertThatThrownBy(() -> plan("-f", spec.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("file: URL, which is not accepted")
        .hasMessageContaining("write the local path itself");
  }

  @Test
  void refusesASpecWithoutPath() throws IOException {
    Path spec = write(specs, "n.yml", "name: n\n");

    assertThatThrownBy(() -> plan("-f", spec.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("the data asset has no path");
  }

  @Test
  void refusesAMissingLocalPathNamingWhereItLooked() throws IOException {
    Path spec = write(specs, "m.yml", "name: m\npath: data/absent.csv\n");

    assertThatThrownBy(() -> plan("-f", spec.toString()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage(
            "cannot upload '"
                + specs.toAbsolutePath().resolve("data/absent.csv")
                + "': no such file or folder");
  }

  @Test
  void refusesATypeThatDoesNotFitTheLocalPath() throws IOException {
    write(specs.resolve("folder"), "a.csv", "a");
    Path spec = write(specs, "t.yml", "name: t\ntype: uri_file\npath: folder\n");

    assertThatThrownBy(() -> plan("-f", spec.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("type uri_file needs a file");
  }

  @Test
  void postsWhenNoVersionIsGiven() throws IOException {
    Path spec =
        write(specs, "t.yml", "name: wine\npath: azureml://datastores/lake/paths/wine.csv\n");

    Result result =
        CliHarness.run(
            environment, "-w", "demo", "data", "create", "-f", spec.toString(), "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> POST /api/v1/workspaces/demo/data/wine/versions ");
    assertThat(result.err()).doesNotContain("> PUT");
  }

  @Test
  void putsTheVersionGivenWithTheOption() throws IOException {
    Path spec =
        write(specs, "t.yml", "name: wine\npath: azureml://datastores/lake/paths/wine.csv\n");

    Result result =
        CliHarness.run(
            environment,
            "-w",
            "my ws",
            "data",
            "create",
            "-f",
            spec.toString(),
            "--name",
            "red wine",
            "--version",
            "2",
            "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains("> PUT /api/v1/workspaces/my%20ws/data/red%20wine/versions/2 ")
        .doesNotContain("> POST");
  }

  @Test
  void putsTheVersionTheSpecNames() throws IOException {
    Path spec =
        write(specs, "t.yml", "name: wine\nversion: 7\npath: https://example.org/wine.csv\n");

    Result result =
        CliHarness.run(
            environment, "-w", "demo", "data", "create", "-f", spec.toString(), "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> PUT /api/v1/workspaces/demo/data/wine/versions/7 ");
  }

  @Test
  void listsWhatIsAlreadyUploadedBeforeUploadingALocalPath() throws IOException {
    write(specs.resolve("data"), "a.csv", "a");
    Path spec = write(specs, "t.yml", "name: wine\npath: data\n");

    Result result =
        CliHarness.run(
            environment, "-w", "demo", "data", "create", "-f", spec.toString(), "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .containsPattern(
            "> GET /api/v1/workspaces/demo/datastores/workspaceblobstore/files\\?prefix="
                + "LocalUpload%2F[0-9a-f]{16}%2F&limit=100 ")
        .doesNotContain("/data/wine/versions");
  }

  @Test
  void failsWithExitTwoBeforeAnyRequestWhenTheLocalPathIsMissing() throws IOException {
    Path spec = write(specs, "t.yml", "name: wine\npath: absent\n");

    Result result =
        CliHarness.run(
            environment, "-w", "demo", "data", "create", "-f", spec.toString(), "--verbose");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no such file or folder").doesNotContain("> ");
  }

  @Test
  void requiresAWorkspace() throws IOException {
    Path spec = write(specs, "t.yml", "name: wine\npath: https://example.org/wine.csv\n");

    Result result = CliHarness.run(environment, "data", "create", "-f", spec.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no workspace selected");
  }

  @Test
  void keepsHelpWhileVersionIsAnOptionOfItsOwn() {
    Result result = CliHarness.run(environment, "data", "create", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--version=<version>").contains("-h, --help");
  }
}
