package dev.kiln.common.event;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the outbox and the consumers' memory from growing without bound: completed publications
 * older than {@code kiln.events.keep-completed} (default 7 days) and processed-event ids older than
 * {@code kiln.events.keep-processed} (default 14 days, longer than Kafka keeps a record, so no
 * redelivery can outlive its id) are deleted every hour. Any replica may do it.
 */
public class EventHousekeeping {

  private static final Logger log = LoggerFactory.getLogger(EventHousekeeping.class);

  private final CompletedEventPublications completed;
  private final JdbcTemplate jdbc;
  private final Duration keepCompleted;
  private final Duration keepProcessed;

  public EventHousekeeping(
      CompletedEventPublications completed,
      JdbcTemplate jdbc,
      Duration keepCompleted,
      Duration keepProcessed) {
    this.completed = completed;
    this.jdbc = jdbc;
    this.keepCompleted = keepCompleted;
    this.keepProcessed = keepProcessed;
  }

  @Scheduled(
      fixedDelayString = "${kiln.events.housekeeping-interval:1h}",
      initialDelayString = "${kiln.events.housekeeping-interval:1h}")
  public void clean() {
    try {
      completed.deletePublicationsOlderThan(keepCompleted);
      int forgotten =
          jdbc.update(
              "delete from processed_event where processed_at < now() - make_interval(secs => ?)",
              (double) keepProcessed.toSeconds());
      log.debug("Event housekeeping forgot {} processed event ids", forgotten);
    } catch (RuntimeException e) {
      log.warn("Event housekeeping failed: {}", e.toString());
    }
  }
}
