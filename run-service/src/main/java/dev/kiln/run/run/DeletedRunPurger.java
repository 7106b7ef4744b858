package dev.kiln.run.run;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes for good the runs deleted softly (MLflow's delete) longer ago than {@code
 * kiln.runs.deleted-retention} (30 days by default), with their children and objects: what {@code
 * mlflow gc} does by hand.
 */
@Component
class DeletedRunPurger {

  private static final Logger log = LoggerFactory.getLogger(DeletedRunPurger.class);
  private static final int BATCH = 100;

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Duration retention;

  DeletedRunPurger(
      JdbcTemplate jdbc,
      ApplicationEventPublisher events,
      @Value("${kiln.runs.deleted-retention:30d}") Duration retention) {
    this.jdbc = jdbc;
    this.events = events;
    this.retention = retention;
  }

  @Scheduled(
      fixedDelayString = "${kiln.runs.purge-interval:1h}",
      initialDelayString = "${kiln.runs.purge-interval:1h}")
  @Transactional
  public void purge() {
    Instant before = Instant.now().minus(retention);
    List<UUID> roots =
        jdbc.query(
            "select id from run where lifecycle = 'deleted' and updated_at < ? limit " + BATCH,
            (rs, i) -> rs.getObject(1, UUID.class),
            Timestamp.from(before));
    if (roots.isEmpty()) {
      return;
    }
    List<UUID> all =
        jdbc.query(
            "with recursive tree(id) as (select unnest(?::uuid[]) union all"
                + " select r.id from run r join tree t on r.parent_id = t.id)"
                + " select distinct id from tree",
            (rs, i) -> rs.getObject(1, UUID.class),
            (Object) roots.toArray(UUID[]::new));
    jdbc.update("delete from run where id = any(?)", (Object) roots.toArray(UUID[]::new));
    events.publishEvent(new RunsDeleted(all));
    log.info("Purged {} runs deleted before {}", all.size(), before);
  }
}
