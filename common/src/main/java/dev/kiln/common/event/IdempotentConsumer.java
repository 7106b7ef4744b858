package dev.kiln.common.event;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in the {@code
 * processed_event} table of the consumer's schema in the same transaction as the effect, so a
 * redelivered event (Kafka retry, outbox resubmission, consumer restart before the offset commit)
 * finds its id and is skipped. Counts {@code kiln.events.consumed} by consumer and outcome.
 */
public class IdempotentConsumer {

  private final JdbcTemplate jdbc;
  private final MeterRegistry meters;

  public IdempotentConsumer(JdbcTemplate jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  /**
   * Runs {@code effect} unless {@code consumer} already handled this event.
   *
   * @return whether the effect ran
   */
  @Transactional
  public boolean applyOnce(String consumer, EventEnvelope event, Runnable effect) {
    int inserted =
        jdbc.update(
            "insert into processed_event (consumer, event_id, event_type) values (?, ?, ?)"
                + " on conflict do nothing",
            consumer,
            event.id(),
            event.type());
    boolean first = inserted == 1;
    if (first) {
      effect.run();
    }
    meters
        .counter(
            "kiln.events.consumed",
            "consumer",
            consumer,
            "outcome",
            first ? "applied" : "duplicate")
        .increment();
    return first;
  }
}
