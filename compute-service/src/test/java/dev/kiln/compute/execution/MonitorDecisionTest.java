package dev.kiln.compute.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.events.SubmittedJob;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the monitor reads an attempt's end: whose fault, and whether it is tried again. */
class MonitorDecisionTest {

  private static final SubmittedJob JOB =
      new SubmittedJob("true", null, "local", null, Map.of(), Map.of(), Map.of(), 60L, 1, null, 0);

  @Test
  void aRunningWorkloadDecidesNothing() {
    assertThat(decide(execution(false), attempt(null, null), running())).isNull();
  }

  @Test
  void theReportedExitCodeDecidesBetweenCompletedAndAUserFailure() {
    assertThat(decide(execution(false), attempt(0, null), ended(WorkloadState.SUCCEEDED, 0)))
        .isInstanceOf(Outcomes.Result.Completed.class);
    assertThat(decide(execution(false), attempt(3, null), ended(WorkloadState.FAILED, 3)))
        .isEqualTo(new Outcomes.Result.Failed(3, "user_error", "The command exited with code 3."));
  }

  @Test
  void theRunnersOwnFailureIsAnInfrastructureFailure() {
    assertThat(
            decide(
                execution(false), attempt(null, "download failed"), ended(WorkloadState.FAILED, 1)))
        .isEqualTo(new Outcomes.Result.Infrastructure("download failed"));
  }

  @Test
  void anInputTheRunnerCouldNotFetchFailsTheJobWithoutRetry() {
    Attempt attempt = attempt(null, null, "Input 'table': No file at 'a.csv'. (file_not_found)");

    assertThat(decide(execution(false), attempt, ended(WorkloadState.FAILED, 1)))
        .isEqualTo(
            new Outcomes.Result.Failed(
                null, "input_error", "Input 'table': No file at 'a.csv'. (file_not_found)"));
  }

  @Test
  void aRunnerThatDiedWithoutAReportIsAnInfrastructureFailure() {
    assertThat(decide(execution(false), attempt(null, null), ended(WorkloadState.FAILED, 137)))
        .isInstanceOf(Outcomes.Result.Infrastructure.class);
  }

  @Test
  void aVanishedWorkloadIsAnInfrastructureFailure() {
    assertThat(decide(execution(false), attempt(null, null), List.of(Optional.empty())))
        .isInstanceOf(Outcomes.Result.Infrastructure.class);
  }

  @Test
  void aCanceledJobEndsCanceledWhateverItsExit() {
    assertThat(decide(execution(true), attempt(0, null), ended(WorkloadState.STOPPED, null)))
        .isEqualTo(new Outcomes.Result.Canceled(null, null));
  }

  @Test
  void aTimedOutJobEndsCanceledWithTheTimeout() {
    Outcomes.Result result =
        Monitor.decide(
            execution(false), attempt(null, null), ended(WorkloadState.STOPPED, null), true);
    assertThat(result)
        .isEqualTo(
            new Outcomes.Result.Canceled("timeout", "The job ran longer than its limit of 60 s."));
  }

  private static Outcomes.Result decide(
      Execution e, Attempt a, List<Optional<WorkloadStatus>> statuses) {
    return Monitor.decide(e, a, statuses, false);
  }

  private static List<Optional<WorkloadStatus>> running() {
    return List.of(Optional.of(WorkloadStatus.of(WorkloadState.RUNNING)));
  }

  private static List<Optional<WorkloadStatus>> ended(WorkloadState state, Integer exit) {
    return List.of(Optional.of(new WorkloadStatus(state, exit, null)));
  }

  private static Execution execution(boolean canceled) {
    return new Execution(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "ws",
        "run",
        UUID.randomUUID(),
        null,
        JOB,
        0,
        1,
        Execution.ACTIVE,
        Instant.now(),
        1,
        true,
        "running",
        null,
        canceled,
        false,
        Instant.now(),
        null,
        null,
        null);
  }

  private static Attempt attempt(Integer reportedExit, String reportedError) {
    return attempt(reportedExit, reportedError, null);
  }

  private static Attempt attempt(
      Integer reportedExit, String reportedError, String reportedInputError) {
    return new Attempt(
        1,
        "local",
        List.of("kiln-x-1-0"),
        Instant.now(),
        null,
        null,
        null,
        null,
        reportedExit,
        reportedError,
        reportedInputError);
  }
}
