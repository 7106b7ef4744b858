package dev.kiln.compute.execution;

import dev.kiln.common.web.ServiceClients;
import dev.kiln.launcher.Launcher;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Ends attempts and executions: a final status for the run, or another attempt after an
 * infrastructure failure. Each end is decided once, under the execution's row lock.
 */
@Component
class Outcomes {

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private final ExecutionStore store;
  private final TransactionTemplate transactions;
  private final RunStatuses runs;
  private final Launchers launchers;
  private final ComputeSettings settings;
  private final Supplier<TokenClient> tokens;
  private final ObjectProvider<Scheduler> scheduler;

  Outcomes(
      ExecutionStore store,
      TransactionTemplate transactions,
      RunStatuses runs,
      Launchers launchers,
      ComputeSettings settings,
      ServiceClients clients,
      ObjectProvider<Scheduler> scheduler) {
    this.store = store;
    this.transactions = transactions;
    this.runs = runs;
    this.launchers = launchers;
    this.settings = settings;
    this.tokens = SingletonSupplier.of(() -> clients.create("workspace", TokenClient.class));
    this.scheduler = scheduler;
  }

  /** What became of an attempt. */
  sealed interface Result {
    record Completed() implements Result {}

    record Failed(Integer exitCode, String code, String message) implements Result {}

    record Canceled(String code, String message) implements Result {}

    /** Not the job's fault: retried while attempts remain. */
    record Infrastructure(String message) implements Result {}
  }

  /**
   * Ends attempt {@code attempt} of the run with {@code result}; does nothing when that attempt has
   * already ended. Call within a transaction that holds the execution's row lock, or outside any
   * transaction (it then takes the lock).
   */
  void finish(UUID runId, int attempt, Result result) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      finishLocked(runId, attempt, result);
    } else {
      transactions.executeWithoutResult(
          status -> {
            store.lockBlocking(runId);
            finishLocked(runId, attempt, result);
          });
    }
  }

  private void finishLocked(UUID runId, int attempt, Result result) {
    Execution e = store.find(runId).orElse(null);
    if (e == null || !Execution.ACTIVE.equals(e.state()) || e.attempt() != attempt) {
      return;
    }
    Attempt current = store.attempt(runId, attempt);
    boolean retried =
        result instanceof Result.Infrastructure
            && attempt < settings.maxAttempts()
            && !e.cancelRequested();
    if (result instanceof Result.Completed) {
      store.endAttempt(runId, attempt, 0, "completed", null);
      store.end(runId, "completed", null);
      runs.move(e, "Completed");
    } else if (result instanceof Result.Failed f) {
      store.endAttempt(runId, attempt, f.exitCode(), "failed", f.message());
      store.end(runId, "failed", f.message());
      runs.move(e, "Failed", f.code(), f.message());
    } else if (result instanceof Result.Canceled c) {
      store.endAttempt(runId, attempt, null, "canceled", c.message());
      store.end(runId, "canceled", c.message());
      runs.move(e, "Canceled", c.code(), c.message());
    } else if (result instanceof Result.Infrastructure i) {
      store.endAttempt(runId, attempt, null, "infrastructure_failure", i.message());
      if (retried) {
        long delay = settings.scheduler().retryBackoff().toMillis() << (attempt - 1);
        store.requeue(runId, delay);
        runs.log(
            e,
            List.of(
                "Attempt "
                    + attempt
                    + " failed outside the job's code ("
                    + i.message()
                    + "); trying again in "
                    + delay / 1000.0
                    + " s."));
        runs.move(e, "Queued");
      } else {
        String message = "The job could not run after " + attempt + " attempt(s): " + i.message();
        store.end(runId, "failed", message);
        runs.move(e, "Failed", "infrastructure_failure", message);
      }
    }
    afterCommit(
        () -> {
          cleanUp(e, current, !retried);
          scheduler.getObject().wake();
        });
  }

  /** Removes an ended attempt's workloads and, when the execution has ended, its run token. */
  private void cleanUp(Execution e, Attempt attempt, boolean executionEnded) {
    if (!settings.keepWorkloads() && launchers.backends().contains(attempt.backend())) {
      try {
        Launcher launcher = launchers.of(attempt.backend());
        attempt.workloads().forEach(launcher::remove);
      } catch (RuntimeException failed) {
        log.warn("Could not remove the workloads of run {}", e.runName(), failed);
      }
    }
    if (executionEnded) {
      try {
        tokens.get().revoke(new TokenClient.Revoke(e.runId()));
      } catch (RuntimeException failed) {
        log.warn("Could not revoke the run token of {}", e.runName(), failed);
      }
    }
  }

  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    } else {
      action.run();
    }
  }
}
