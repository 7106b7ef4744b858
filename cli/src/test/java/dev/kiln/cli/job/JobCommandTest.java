package dev.kiln.cli.job;

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
 * The job commands up to the point where they call the server; the server sits on a closed port
 * here, so reaching it shows as exit 3, and usage errors must stop them before that.
 */
class JobCommandTest extends CliHarness.InTempHome {

  @ParameterizedTest
  @ValueSource(strings = {"list", "show j1", "stream j1", "download j1", "cancel j1"})
  void failsWithAHintWhenNoWorkspaceIsSelected(String command) {
    Result result = run(("job " + command).split(" "));

    assertNeedsWorkspace(result);
  }

  @Test
  void listsTheNewestJobsWithTheFiltersGiven() {
    Result result =
        run(
            "-w",
            "demo",
            "job",
            "list",
            "--experiment",
            "mnist tuning",
            "--status",
            "running",
            "--verbose");

    assertSent(
        result,
        "> GET /api/v1/workspaces/demo/jobs?experiment=mnist+tuning&status=Running&limit=51 ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not_started", "NotStarted", "NOT-STARTED", "notstarted"})
  void readsAStatusInAnySpelling(String status) {
    Result result = run("-w", "demo", "job", "list", "--status", status, "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/jobs?status=NotStarted&limit=51 ");
  }

  @Test
  void refusesAnUnknownStatus() {
    Result result = run("-w", "demo", "job", "list", "--status", "Done", "--verbose");

    assertFailed(
        result,
        2,
        "kiln: unknown status 'Done'; expected one of NotStarted, Queued, Preparing, Running,"
            + " Finalizing, Completed, Failed, Canceled");
    assertThat(result.err()).doesNotContain("> GET");
  }

  @Test
  void refusesAllTogetherWithALimit() {
    Result result = run("-w", "demo", "job", "list", "--all", "--limit", "5", "--verbose");

    assertFailed(result, 2, "kiln: --all and --limit cannot be combined");
    assertThat(result.err()).doesNotContain("> GET");
  }

  @Test
  void readsEveryPageWithAll() {
    Result result = run("-w", "demo", "job", "list", "--all", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/jobs?limit=100 ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"show", "stream", "download", "cancel"})
  void refusesABlankJobName(String command) {
    Result result = run("-w", "demo", "job", command, " ", "--verbose");

    assertFailed(result, 2, "kiln: the job name must not be empty");
    assertThat(result.err()).doesNotContain("> ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"show", "stream", "download", "cancel"})
  void refusesAJobNameThatIsAPathStep(String command) {
    Result result = run("-w", "demo", "job", command, "..", "--verbose");

    assertFailed(result, 2, "kiln: '..' is not a valid job name");
    assertThat(result.err()).doesNotContain("> ");
  }

  @Test
  void cancelsWithAPostOnTheJob() {
    Result result = run("-w", "demo", "job", "cancel", "j1", "--verbose");

    assertSent(result, "> POST /api/v1/workspaces/demo/jobs/j1/cancel ");
  }

  @Test
  void streamsFromTheStartOfTheLog() {
    Result result = run("-w", "demo", "job", "stream", "j1", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/jobs/j1/logs/stream ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outputs", "outputs/../..", "a//b", "a/./b", "a\\b", "tab\there"})
  void refusesADownloadPrefixThatIsNotAPlainPath(String prefix) {
    Result result =
        run(
            "-w",
            "demo",
            "job",
            "download",
            "j1",
            "--path",
            prefix,
            "--download-path",
            home.resolve("out").toString(),
            "--verbose");

    assertFailed(result, 2, "kiln: --path must be a relative artifact path");
    assertThat(result.err()).doesNotContain("> GET");
    assertThat(home.resolve("out")).doesNotExist();
  }

  @Test
  void downloadsBeginByListingTheArtifacts() {
    Result result =
        run(
            "-w",
            "demo",
            "job",
            "download",
            "j1",
            "--path",
            "/outputs/model/",
            "--download-path",
            home.resolve("out").toString(),
            "--verbose");

    assertSent(
        result,
        "> GET /api/v1/workspaces/demo/jobs/j1/artifacts?path=outputs%2Fmodel&recursive=true ");
    assertThat(home.resolve("out")).doesNotExist();
  }

  @Test
  void printsItsCommandsWhenRunAlone() {
    Result result = run("job");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("kiln: missing command")
        .contains("list")
        .contains("show")
        .contains("stream")
        .contains("download")
        .contains("cancel");
  }
}
