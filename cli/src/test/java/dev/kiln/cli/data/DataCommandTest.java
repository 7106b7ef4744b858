package dev.kiln.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.config.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The list, show, archive, restore and download commands up to the point where they call the
 * server; the server sits on a closed port here, so reaching it shows as exit 3.
 */
class DataCommandTest {

  @TempDir Path home;
  Environment environment;

  @BeforeEach
  void setUp() {
    environment = CliHarness.environment(home, Map.of());
  }

  Result run(String... args) {
    return CliHarness.run(environment, args);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "list",
        "list --name wine",
        "show wine",
        "archive wine --version 1",
        "restore wine --version 1",
        "download wine"
      })
  void failsWithAHintWhenNoWorkspaceIsSelected(String command) {
    Result result = run(("data " + command).split(" "));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("kiln: no workspace selected: pass -w <workspace>");
  }

  @Test
  void listsTheLatestOfEachName() {
    Result result = run("-w", "demo", "data", "list", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/demo/data?limit=100 ");
  }

  @Test
  void listsTheVersionsOfOneName() {
    Result result = run("-w", "demo", "data", "list", "--name", "a b", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/demo/data/a%20b/versions?limit=");
  }

  @Test
  void showsTheLatestVersionByDefault() {
    Result result = run("-w", "demo", "data", "show", "wine", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/demo/data/wine/versions/latest ");
  }

  @Test
  void showsTheVersionGiven() {
    Result result = run("-w", "demo", "data", "show", "wine", "--version", "1.2", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/demo/data/wine/versions/1.2 ");
  }

  @Test
  void archivesAndRestoresWithAPostOnTheVersion() {
    Result archived = run("-w", "demo", "data", "archive", "wine", "--version", "3", "--verbose");
    Result restored = run("-w", "demo", "data", "restore", "wine", "--version", "3", "--verbose");

    assertThat(archived.err())
        .contains("> POST /api/v1/workspaces/demo/data/wine/versions/3/archive ");
    assertThat(restored.err())
        .contains("> POST /api/v1/workspaces/demo/data/wine/versions/3/restore ");
  }

  @Test
  void archiveRequiresAVersion() {
    Result result = run("-w", "demo", "data", "archive", "wine");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required option: '--version=<version>'");
  }

  @Test
  void downloadsBeginByShowingTheAsset() {
    Result result =
        run(
            "-w",
            "demo",
            "data",
            "download",
            "wine",
            "--version",
            "2",
            "--out",
            home.resolve("out").toString(),
            "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/demo/data/wine/versions/2 ");
    assertThat(home.resolve("out")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"show", "archive", "restore", "download"})
  void rejectsABlankName(String command) {
    Result result = run("-w", "demo", "data", command, " ", "--version", "1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the data asset name must not be empty");
  }

  @Test
  void rejectsABlankVersion() {
    Result result = run("-w", "demo", "data", "show", "wine", "--version", " ");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the version must not be empty");
  }

  @Test
  void printsItsCommandsWhenRunAlone() {
    Result result = run("data");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("kiln: missing command")
        .contains("create")
        .contains("list")
        .contains("show")
        .contains("archive")
        .contains("download");
  }
}
