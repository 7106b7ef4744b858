package dev.kiln.run.metric;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets batch receipts older than {@code kiln.metrics.receipt-retention} (default 24 h): a client
 * retries within minutes, and a day of receipts is plenty. Runs every {@code
 * kiln.metrics.receipt-prune-interval} (default 1 h) on any replica; deletes in slices so that no
 * single statement holds locks on a day of rows.
 */
@Component
class ReceiptPruner {

  private static final Logger log = LoggerFactory.getLogger(ReceiptPruner.class);
  private static final int SLICE = 10_000;

  private final JdbcTemplate jdbc;
  private final Duration retention;

  ReceiptPruner(
      JdbcTemplate jdbc, @Value("${kiln.metrics.receipt-retention:24h}") Duration retention) {
    this.jdbc = jdbc;
    this.retention = retention;
  }

  @Scheduled(
      fixedDelayString = "${kiln.metrics.receipt-prune-interval:1h}",
      initialDelayString = "${kiln.metrics.receipt-prune-interval:1h}")
  void prune() {
    try {
      int total = 0;
      int deleted;
      do {
        deleted = pruneSlice();
        total += deleted;
      } while (deleted == SLICE);
      log.debug("Forgot {} batch receipts older than {}", total, retention);
    } catch (RuntimeException e) {
      log.warn("Pruning batch receipts failed: {}", e.toString());
    }
  }

  /** Deletes up to one slice of expired receipts; answers how many. */
  int pruneSlice() {
    return jdbc.update(
        "delete from batch_receipt where ctid = any(array("
            + "select ctid from batch_receipt where created_at < now() - make_interval(secs => ?)"
            + " limit ?))",
        (double) retention.toSeconds(),
        SLICE);
  }
}
