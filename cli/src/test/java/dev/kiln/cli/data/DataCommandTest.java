package dev.kiln.cli.data;

import static dev.kiln.cli.CliHarness.assertFailed;
import static dev.kiln.cli.CliHarness.assertNeedsWorkspace;
import static dev.kiln.cli.CliHarness.assertSent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The list, show, archive, restore and download commands up to the point where they call the
 * server; the server sits on a closed port here, so reaching it shows as exit 3.
 */
class DataCommandTest extends CliHarness.InTempHome {

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

    assertNeedsWorkspace(result);
  }

  @Test
  void listsTheLatestOfEachName() {
    Result result = run("-w", "demo", "data", "list", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/data?limit=100 ");
  }

  @Test
  void listsTheVersionsOfOneName() {
    Result result = run("-w", "demo", "data", "list", "--name", "a b", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/data/a%20b/versions?limit=");
  }

  @Test
  void showsTheLatestVersionByDefault() {
    Result result = run("-w", "demo", "data", "show", "wine", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/data/wine/versions/latest ");
  }

  @Test
  void showsTheVersionGiven() {
    Result result = run("-w", "demo", "data", "show", "wine", "--version", "1.2", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/data/wine/versions/1.2 ");
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

    assertFailed(result, 2, "Missing required option: '--version=<version>'");
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

    assertSent(result, "> GET /api/v1/workspaces/demo/data/wine/versions/2 ");
    assertThat(home.resolve("out")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"show", "archive", "restore", "download"})
  void rejectsABlankName(String command) {
    Result result = run("-w", "demo", "data", command, " ", "--version", "1");

    assertFailed(result, 2, "the data asset name must not be empty");
  }

  @Test
  void rejectsABlankVersion() {
    Result result = run("-w", "demo", "data", "show", "wine", "--version", " ");

    assertFailed(result, 2, "the version must not be empty");
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
