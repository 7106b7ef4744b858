package dev.kiln.cli.datastore;

import static dev.kiln.cli.CliHarness.assertFailed;
import static dev.kiln.cli.CliHarness.assertNeedsWorkspace;
import static dev.kiln.cli.CliHarness.assertSent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The list, show, delete and test commands up to the point where they call the server; the server
 * sits on a closed port here, so reaching it shows as exit 3.
 */
class DatastoreCommandTest extends CliHarness.InTempHome {

  @ParameterizedTest
  @ValueSource(strings = {"list", "show lake", "delete lake --yes", "test lake"})
  void failsWithAHintWhenNoWorkspaceIsSelected(String command) {
    Result result = run(("datastore " + command).split(" "));

    assertNeedsWorkspace(result);
  }

  @Test
  void listsWithAGetOnTheWorkspacesCollection() {
    Result result = run("-w", "demo", "ds", "list", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/datastores?limit=100 ");
  }

  @Test
  void showsWithAGetOnTheEncodedName() {
    Result result = run("-w", "my ws", "datastore", "show", "a b", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/my%20ws/datastores/a%20b ");
  }

  @Test
  void testsWithAPostOnTheTestPath() {
    Result result = run("-w", "demo", "datastore", "test", "lake", "--verbose");

    assertSent(result, "> POST /api/v1/workspaces/demo/datastores/lake/test ");
  }

  @Test
  void deletesWithADeleteWhenYesIsGiven() {
    Result result = run("-w", "demo", "ds", "delete", "lake", "--yes", "--verbose");

    assertSent(result, "> DELETE /api/v1/workspaces/demo/datastores/lake ");
  }

  @Test
  void refusesToDeleteWithoutYesWhenThereIsNoConsole() {
    Result result =
        CliHarness.run(environment, Terminal.none(), "-w", "demo", "ds", "delete", "lake");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("refusing to delete datastore 'lake' of workspace 'demo' without confirmation")
        .contains("--yes");
  }

  @Test
  void doesNotCallTheServerWhenTheUserDeclinesTheDeletion() {
    Result result =
        CliHarness.run(
            environment, CliHarness.answering("n"), "-w", "demo", "ds", "delete", "lake");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("kiln: not confirmed; datastore 'lake' of workspace 'demo' was not deleted");
  }

  @Test
  void deletesWhenTheUserConfirms() {
    Result result =
        CliHarness.run(
            environment, CliHarness.answering("yes"), "-w", "demo", "ds", "delete", "lake");

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"show", "delete", "test"})
  void rejectsABlankName(String command) {
    Result result = run("-w", "demo", "datastore", command, " ", "--verbose");

    assertFailed(result, 2, "the datastore name must not be empty");
  }

  @Test
  void printsItsCommandsWhenRunAlone() {
    Result result = run("ds");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("kiln: missing command")
        .contains("create")
        .contains("list")
        .contains("show")
        .contains("delete")
        .contains("test");
  }

  @Test
  void encodesWorkspaceAndNameAsPathSegments() {
    assertThat(Datastores.path("a/b", "c?d"))
        .isEqualTo("/api/v1/workspaces/a%2Fb/datastores/c%3Fd");
    assertThat(Datastores.testPath("w", "x y"))
        .isEqualTo("/api/v1/workspaces/w/datastores/x%20y/test");
  }
}
