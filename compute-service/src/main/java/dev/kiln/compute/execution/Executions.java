package dev.kiln.compute.execution;

import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.events.RunCanceled;
import dev.kiln.common.events.RunSubmitted;
import dev.kiln.compute.workspace.WorkspaceForgotten;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Submissions, cancellations and the runner's heartbeats. */
@Service
public class Executions {

  private final ExecutionStore store;
  private final JdbcTemplate jdbc;
  private final RunStatuses runs;
  private final ObjectProvider<Scheduler> scheduler;

  Executions(
      ExecutionStore store,
      JdbcTemplate jdbc,
      RunStatuses runs,
      ObjectProvider<Scheduler> scheduler) {
    this.store = store;
    this.jdbc = jdbc;
    this.runs = runs;
    this.scheduler = scheduler;
  }

  /**
   * Queues a submitted job on its compute target. A target that does not exist (deleted since the
   * job was accepted) or can never hold the job fails the run at once.
   */
  @Transactional
  public void submit(RunSubmitted submitted) {
    if (jdbc.update("delete from early_cancel where run_id = ?", submitted.runId()) > 0) {
      // canceled before it arrived: recorded as ended, never queued
      if (store.insert(
          submitted.runId(),
          submitted.workspaceId(),
          submitted.workspace(),
          submitted.runName(),
          null,
          submitted.submitterId(),
          submitted.job())) {
        store.end(submitted.runId(), "canceled", null);
      }
      return;
    }
    Optional<Target> target = targetOf(submitted.workspaceId(), submitted.job().compute());
    boolean queued =
        store.insert(
            submitted.runId(),
            submitted.workspaceId(),
            submitted.workspace(),
            submitted.runName(),
            target.map(Target::id).orElse(null),
            submitted.submitterId(),
            submitted.job());
    if (!queued) {
      return;
    }
    Execution e = store.find(submitted.runId()).orElseThrow();
    if (target.isEmpty()) {
      store.end(e.runId(), "failed", "compute_not_found");
      runs.move(
          e,
          "Failed",
          "compute_not_found",
          "Compute '" + submitted.job().compute() + "' does not exist in this workspace.");
      return;
    }
    int most = target.get().capacity(target.get().maxNodes());
    if (e.slots() > most) {
      String message =
          "The job needs "
              + e.slots()
              + " instances; compute '"
              + target.get().name()
              + "' offers at most "
              + most
              + " slots.";
      store.end(e.runId(), "failed", message);
      runs.move(e, "Failed", "insufficient_capacity", message);
      return;
    }
    afterCommit(() -> scheduler.getObject().wake());
  }

  /**
   * Takes a queued job out of its queue, or has the monitor stop its workloads. A cancellation that
   * overtook its submission is remembered, and the submission ends when it arrives.
   */
  @Transactional
  public void cancel(RunCanceled canceled) {
    Optional<Execution> found = store.find(canceled.runId());
    if (found.isEmpty()) {
      jdbc.update(
          "insert into early_cancel (run_id, at) values (?, now()) on conflict do nothing",
          canceled.runId());
      return;
    }
    if (Execution.ENDED.equals(found.get().state())) {
      return;
    }
    store.lockBlocking(canceled.runId());
    store.requestCancel(canceled.runId());
    Execution e = store.find(canceled.runId()).orElseThrow();
    if (Execution.QUEUED.equals(e.state())) {
      store.end(e.runId(), "canceled", null);
    }
  }

  /**
   * A deleted workspace takes its jobs with it: queued ones end at once (the scheduler would
   * otherwise look for their deleted target on every pass), running ones are stopped.
   */
  @EventListener
  void on(WorkspaceForgotten forgotten) {
    store.forgetWorkspace(forgotten.workspaceId());
  }

  /**
   * A runner's report: its phase, and at the end its exit code or its own failure.
   *
   * @return whether the runner must stop (the job was canceled or ran out of time, or this attempt
   *     was superseded)
   */
  @Transactional
  public boolean heartbeat(UUID workspaceId, String runName, Heartbeat beat) {
    Execution e =
        store
            .findByName(workspaceId, runName)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "execution_not_found", "Job '" + runName + "' is not executing here."));
    if (!Execution.ACTIVE.equals(e.state()) || beat.attempt() != e.attempt()) {
      return true;
    }
    String phase = beat.phase();
    store.heartbeat(e.runId(), phase);
    if (phase != null && !phase.equals(e.phase())) {
      switch (phase) {
        case "running" -> runs.move(e, "Running");
        case "finalizing" -> runs.move(e, "Finalizing");
        default -> {}
      }
    }
    if ("done".equals(phase)) {
      store.report(
          e.runId(), e.attempt(), beat.exitCode(), beat.infrastructureError(), beat.inputError());
    }
    return e.cancelRequested() || e.timedOut();
  }

  /** The execution of a run with its attempts. */
  public ExecutionView view(UUID workspaceId, String runName) {
    Execution e =
        store
            .findByName(workspaceId, runName)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "execution_not_found",
                        "Job '" + runName + "' was not submitted for execution."));
    List<Attempt> attempts = store.attempts(e.runId());
    String compute = Target.find(jdbc, e.computeId()).map(Target::name).orElse(e.job().compute());
    return new ExecutionView(
        e.state(),
        e.phase(),
        compute,
        e.priority(),
        e.queuedAt(),
        e.startedAt(),
        e.endedAt(),
        e.outcome(),
        e.error(),
        attempts);
  }

  private Optional<Target> targetOf(UUID workspaceId, String name) {
    List<UUID> ids =
        jdbc.queryForList(
            "select id from compute_target where workspace_id = ? and lower(name) = lower(?)",
            UUID.class,
            workspaceId,
            name);
    return ids.isEmpty() ? Optional.empty() : Target.find(jdbc, ids.get(0));
  }

  private static void afterCommit(Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }

  /**
   * What the runner sends.
   *
   * @param phase {@code preparing}, {@code running}, {@code finalizing} or {@code done}
   * @param infrastructureError with {@code done}: the runner's own failure, worth another attempt
   * @param inputError with {@code done}: an input it could not fetch, which fails the job
   */
  public record Heartbeat(
      int attempt, String phase, Integer exitCode, String infrastructureError, String inputError) {}

  /** An execution as the API shows it. */
  public record ExecutionView(
      String state,
      String phase,
      String compute,
      int priority,
      java.time.Instant queuedAt,
      java.time.Instant startedAt,
      java.time.Instant endedAt,
      String outcome,
      String error,
      List<Attempt> attempts) {}
}
