package dev.kiln.common.event;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Resubmits publications that are still incomplete after a grace period (Kafka was down, or the
 * process died between commit and send). Any replica may do it: delivery is at least once, and
 * consumers drop duplicates by event id.
 */
public class OutboxResubmitter {

  private static final Logger log = LoggerFactory.getLogger(OutboxResubmitter.class);

  private final IncompleteEventPublications incomplete;
  private final Duration olderThan;

  public OutboxResubmitter(IncompleteEventPublications incomplete, Duration olderThan) {
    this.incomplete = incomplete;
    this.olderThan = olderThan;
  }

  @Scheduled(
      fixedDelayString = "${kiln.events.resubmit-interval:5s}",
      initialDelayString = "${kiln.events.resubmit-interval:5s}")
  public void resubmit() {
    try {
      incomplete.resubmitIncompletePublicationsOlderThan(olderThan);
    } catch (RuntimeException e) {
      log.warn("Resubmitting incomplete event publications failed: {}", e.toString());
    }
  }
}
