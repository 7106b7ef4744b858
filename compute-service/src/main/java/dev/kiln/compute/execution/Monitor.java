package dev.kiln.compute.execution;

import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows launched workloads to their end. It asks the launcher (which keeps no state) about each
 * workload of each active execution, so after a restart it simply carries on: running workloads are
 * re-attached by their ids. It stops workloads that were canceled or ran past their timeout, and
 * decides each attempt's outcome from the runner's report and the workloads' exits.
 */
@Component
class Monitor extends Loop {

  private static final Logger log = LoggerFactory.getLogger(Monitor.class);

  private final ExecutionStore store;
  private final TransactionTemplate transactions;
  private final Launchers launchers;
  private final Outcomes outcomes;

  Monitor(
      ExecutionStore store,
      TransactionTemplate transactions,
      Launchers launchers,
      Outcomes outcomes,
      ComputeSettings settings) {
    super("kiln-monitor", settings.scheduler().monitorInterval(), settings.scheduler().enabled());
    this.store = store;
    this.transactions = transactions;
    this.launchers = launchers;
    this.outcomes = outcomes;
  }

  @Override
  void tick() {
    try {
      for (UUID runId : store.launchedActive()) {
        transactions.executeWithoutResult(status -> check(runId));
      }
    } catch (RuntimeException e) {
      log.warn("Monitoring pass failed; the next one retries", e);
    }
  }

  private void check(UUID runId) {
    Execution e = store.lock(runId).orElse(null);
    if (e == null || !Execution.ACTIVE.equals(e.state()) || !e.launched()) {
      return;
    }
    Attempt attempt = store.attempt(runId, e.attempt());
    Launcher launcher = launchers.of(attempt.backend());
    boolean timedOut = e.timedOut();
    if (!timedOut && e.deadline() != null && Instant.now().isAfter(e.deadline())) {
      store.markTimedOut(runId);
      timedOut = true;
    }
    if (e.cancelRequested() || timedOut) {
      attempt.workloads().forEach(launcher::stop);
    }
    List<Optional<WorkloadStatus>> statuses = new ArrayList<>();
    for (String workload : attempt.workloads()) {
      statuses.add(launcher.status(workload));
    }
    Outcomes.Result result = decide(e, attempt, statuses, timedOut);
    if (result != null) {
      outcomes.finish(runId, e.attempt(), result);
    } else if (statuses.stream()
        .anyMatch(
            s ->
                s.isPresent()
                    && s.get().state().ended()
                    && s.get().state() != WorkloadState.SUCCEEDED)) {
      // one instance of a distributed job failed: the others cannot finish without it
      attempt.workloads().forEach(launcher::stop);
    }
  }

  /** The attempt's outcome once every workload has ended; null while any still runs. */
  static Outcomes.Result decide(
      Execution e, Attempt attempt, List<Optional<WorkloadStatus>> statuses, boolean timedOut) {
    for (int i = 0; i < statuses.size(); i++) {
      if (statuses.get(i).isEmpty()) {
        return new Outcomes.Result.Infrastructure(
            "workload " + attempt.workloads().get(i) + " disappeared from its backend");
      }
    }
    if (!statuses.stream().allMatch(s -> s.get().state().ended())) {
      return null;
    }
    if (e.cancelRequested()) {
      return new Outcomes.Result.Canceled(null, null);
    }
    if (timedOut) {
      return new Outcomes.Result.Canceled(
          "timeout", "The job ran longer than its limit of " + e.job().timeoutSeconds() + " s.");
    }
    if (attempt.reportedInputError() != null) {
      return new Outcomes.Result.Failed(null, "input_error", attempt.reportedInputError());
    }
    if (attempt.reportedError() != null) {
      return new Outcomes.Result.Infrastructure(attempt.reportedError());
    }
    if (attempt.reportedExit() != null) {
      int exit = attempt.reportedExit();
      return exit == 0
          ? new Outcomes.Result.Completed()
          : new Outcomes.Result.Failed(
              exit, "user_error", "The command exited with code " + exit + ".");
    }
    for (Optional<WorkloadStatus> s : statuses) {
      WorkloadStatus status = s.get();
      if (status.state() == WorkloadState.STOPPED) {
        return new Outcomes.Result.Infrastructure("the workload was stopped by its backend");
      }
      if (status.state() == WorkloadState.FAILED) {
        return new Outcomes.Result.Infrastructure(
            status.message() != null
                ? status.message()
                : "the runner ended with exit code " + status.exitCode() + " without a report");
      }
    }
    return new Outcomes.Result.Completed();
  }
}
