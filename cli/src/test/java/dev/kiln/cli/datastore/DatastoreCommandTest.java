package dev.kiln.cli.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.Terminal;
import dev.kiln.cli.config.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The list, show, delete and test commands up to the point where they call the server; the server
 * sits on a closed port here, so reaching it shows as exit 3.
 */
class DatastoreCommandTest {

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
  @ValueSource(strings = {"list", "show lake", "delete lake --yes", "test lake"})
  void failsWithAHintWhenNoWorkspaceIsSelected(String command) {
    Result result = run(("datastore " + command).split(" "));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("kiln: no workspace selected: pass -w <workspace>");
  }

  @Test
  void listsWithAGetOnTheWorkspacesCollection() {
    Result result = run("-w", "demo", "ds", "list", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/demo/datastores?limit=100 ");
  }

  @Test
  void showsWithAGetOnTheEncodedName() {
    Result result = run("-w", "my ws", "datastore", "show", "a b", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/my%20ws/datastores/a%20b ");
  }

  @Test
  void testsWithAPostOnTheTestPath() {
    Result result = run("-w", "demo", "datastore", "test", "lake", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> POST /api/v1/workspaces/demo/datastores/lake/test ");
  }

  @Test
  void deletesWithADeleteWhenYesIsGiven() {
    Result result = run("-w", "demo", "ds", "delete", "lake", "--yes", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> DELETE /api/v1/workspaces/demo/datastores/lake ");
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

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the datastore name must not be empty");
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
