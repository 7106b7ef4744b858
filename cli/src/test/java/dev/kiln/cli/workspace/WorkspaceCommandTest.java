package dev.kiln.cli.workspace;

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

/**
 * The workspace commands up to the point where they call the server; the server always sits on a
 * closed port here, so reaching it shows as exit 3. The happy paths are tested end to end against
 * the real platform.
 */
class WorkspaceCommandTest {

  @TempDir Path home;
  Environment environment;

  @BeforeEach
  void setUp() {
    environment = CliHarness.environment(home, Map.of());
  }

  @Test
  void refusesToDeleteWithoutYesWhenThereIsNoConsole() {
    Result result = CliHarness.run(environment, Terminal.none(), "workspace", "delete", "demo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("refusing to delete workspace 'demo' without confirmation")
        .contains("--yes");
  }

  @Test
  void deletesWithoutAskingWhenYesIsGiven() {
    Result result = CliHarness.run(environment, Terminal.none(), "ws", "delete", "demo", "--yes");

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @Test
  void doesNotCallTheServerWhenTheUserDeclines() {
    Result result =
        CliHarness.run(environment, CliHarness.answering("n"), "workspace", "delete", "demo");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("workspace 'demo' was not deleted");
  }

  @Test
  void callsTheServerWhenTheUserConfirms() {
    Result result =
        CliHarness.run(environment, CliHarness.answering("yes"), "workspace", "delete", "demo");

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @Test
  void answersToTheWsAlias() {
    Result result = CliHarness.run(environment, "ws", "delete", "demo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'kiln workspace delete --help'");
  }

  @Test
  void rejectsLimitBelowOne() {
    Result result = CliHarness.run(environment, "workspace", "list", "--limit", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--limit must be at least 1, was 0");
  }

  @Test
  void rejectsNonNumericLimit() {
    Result result = CliHarness.run(environment, "workspace", "list", "--limit", "many");

    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void rejectsBlankWorkspaceName() {
    Result result = CliHarness.run(environment, "workspace", "create", " ");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the workspace name must not be empty");
  }

  @Test
  void encodesTheNameIntoOnePathSegment() {
    assertThat(Workspaces.path("a b/c")).isEqualTo("/api/v1/workspaces/a%20b%2Fc");
  }
}
