package dev.kiln.cli.compute;

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
 * The list, show and delete commands up to the point where they call the server; the server sits on
 * a closed port here, so reaching it shows as exit 3.
 */
class ComputeCommandTest extends CliHarness.InTempHome {

  @ParameterizedTest
  @ValueSource(strings = {"list", "show cpu-pool", "delete cpu-pool --yes", "usage cpu-pool"})
  void failsWithAHintWhenNoWorkspaceIsSelected(String command) {
    Result result = run(("compute " + command).split(" "));

    assertNeedsWorkspace(result);
  }

  @Test
  void listsWithAGetOnTheWorkspacesCollection() {
    Result result = run("-w", "demo", "compute", "list", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/computes?limit=100 ");
  }

  @Test
  void showsWithAGetOnTheEncodedName() {
    Result result = run("-w", "my ws", "compute", "show", "a b", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/my%20ws/computes/a%20b ");
  }

  @Test
  void deletesWithADeleteWhenYesIsGiven() {
    Result result = run("-w", "demo", "compute", "delete", "cpu-pool", "--yes", "--verbose");

    assertSent(result, "> DELETE /api/v1/workspaces/demo/computes/cpu-pool ");
  }

  @Test
  void asksForUsageWithoutSinceSoTheServerPicksTheLastHour() {
    Result result = run("-w", "demo", "compute", "usage", "cpu-pool", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/computes/cpu-pool/usage ");
  }

  @Test
  void sendsAnInstantSinceAsTheQuery() {
    Result result =
        run(
            "-w",
            "demo",
            "compute",
            "usage",
            "a b",
            "--since",
            "2026-11-23T10:00:00Z",
            "--verbose");

    assertSent(
        result,
        "> GET /api/v1/workspaces/demo/computes/a%20b/usage?since=2026-11-23T10%3A00%3A00Z ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "0m", "-2h", "2w", "2026-11-23", " "})
  void refusesASinceThatIsNeitherAnInstantNorAPositiveDurationBeforeCallingTheServer(String since) {
    Result result =
        run("-w", "demo", "compute", "usage", "cpu-pool", "--since", since, "--verbose");

    assertFailed(result, 2, "--since must be an ISO-8601 instant");
    assertThat(result.err()).doesNotContain("> GET");
  }

  @Test
  void refusesToDeleteWithoutYesWhenThereIsNoConsole() {
    Result result =
        CliHarness.run(environment, Terminal.none(), "-w", "demo", "compute", "delete", "cpu-pool");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("refusing to delete compute 'cpu-pool' of workspace 'demo' without confirmation")
        .contains("--yes");
  }

  @Test
  void doesNotCallTheServerWhenTheUserDeclinesTheDeletion() {
    Result result =
        CliHarness.run(
            environment, CliHarness.answering("n"), "-w", "demo", "compute", "delete", "cpu-pool");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("kiln: not confirmed; compute 'cpu-pool' of workspace 'demo' was not deleted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"show", "delete", "usage"})
  void rejectsABlankName(String command) {
    Result result = run("-w", "demo", "compute", command, " ", "--verbose");

    assertFailed(result, 2, "the compute name must not be empty");
  }

  @Test
  void printsItsCommandsWhenRunAlone() {
    Result result = run("compute");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("kiln: missing command")
        .contains("create")
        .contains("list")
        .contains("show")
        .contains("delete")
        .contains("usage");
  }

  @Test
  void encodesWorkspaceAndNameAsPathSegments() {
    assertThat(Computes.path("a/b", "c?d")).isEqualTo("/api/v1/workspaces/a%2Fb/computes/c%3Fd");
  }
}
