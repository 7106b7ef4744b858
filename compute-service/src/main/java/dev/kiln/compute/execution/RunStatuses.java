package dev.kiln.compute.execution;

import dev.kiln.common.web.ServiceClients;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Tells run-service where a run is and what happened to it. Moving a run that has already ended
 * (canceled meanwhile) is refused there with a 409, and a deleted run answers 404; both are
 * expected and not errors here.
 */
@Component
class RunStatuses {

  private static final Logger log = LoggerFactory.getLogger(RunStatuses.class);

  private final Supplier<RunClient> runs;

  RunStatuses(ServiceClients clients) {
    this.runs = SingletonSupplier.of(() -> clients.createAsSelf("run", RunClient.class));
  }

  void move(Execution e, String status) {
    move(e, new RunClient.StatusChange(status, null));
  }

  void move(Execution e, String status, String errorCode, String message) {
    move(
        e,
        new RunClient.StatusChange(
            status,
            errorCode == null ? null : new RunClient.StatusChange.Error(errorCode, message)));
  }

  private void move(Execution e, RunClient.StatusChange change) {
    try {
      runs.get().status(e.workspace(), e.runName(), change);
    } catch (HttpClientErrorException.Conflict ended) {
      log.debug("Run {} did not move to {}: {}", e.runName(), change.status(), ended.getMessage());
    } catch (HttpClientErrorException.NotFound deleted) {
      // the user deleted the run meanwhile: its execution still ends here, with nobody to tell
      log.info("Run {} is gone; it did not move to {}", e.runName(), change.status());
    }
  }

  /** Lines for the run's {@code system} log; losing them never fails the job. */
  void log(Execution e, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    try {
      runs.get().log(e.workspace(), e.runName(), new RunClient.LogLines("system", lines));
    } catch (RuntimeException failed) {
      log.warn("Could not write {} log lines of run {}", lines.size(), e.runName(), failed);
    }
  }
}
