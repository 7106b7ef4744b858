package dev.kiln.run.run;

import dev.kiln.common.storage.ObjectStore;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deletes the objects of deleted runs after their rows are gone. The event publication registry
 * tracks this listener: should the object store fail, the publication stays incomplete and is
 * resubmitted, so no object outlives its run.
 */
@Component
class RunObjectsPurger {

  private static final Logger log = LoggerFactory.getLogger(RunObjectsPurger.class);

  private final ObjectStore objects;

  RunObjectsPurger(ObjectStore objects) {
    this.objects = objects;
  }

  @Async
  @TransactionalEventListener
  public void purge(RunsDeleted deleted) {
    for (UUID runId : deleted.runIds()) {
      int count = objects.deletePrefix(RunStorage.prefix(runId));
      log.debug("Deleted {} objects of run {}", count, runId);
    }
  }
}
