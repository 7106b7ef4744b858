package dev.kiln.common.event;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each {@link KilnEvent} to its Kafka topic after the publishing transaction commits. Being a
 * transactional listener, it is tracked by the event publication registry: the publication is
 * marked complete only when Kafka acknowledged the record, and stays incomplete (to be resubmitted
 * by {@link OutboxResubmitter}) when the send fails.
 */
public class KafkaEventRelay {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventRelay.class);

  private final KafkaTemplate<String, String> kafka;
  private final JsonMapper json;
  private final Duration sendTimeout;

  public KafkaEventRelay(
      KafkaTemplate<String, String> kafka, JsonMapper json, Duration sendTimeout) {
    this.kafka = kafka;
    this.json = json;
    this.sendTimeout = sendTimeout;
  }

  @Async
  @TransactionalEventListener
  public void relay(KilnEvent event) throws Exception {
    String value = json.writeValueAsString(EventEnvelope.of(event, json));
    try {
      kafka
          .send(event.topic(), event.key(), value)
          .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
      log.debug("Relayed {} {} to {}", event.type(), event.eventId(), event.topic());
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "Could not relay {} {} to {} yet; it stays in the outbox: {}",
          event.type(),
          event.eventId(),
          event.topic(),
          e.toString());
      throw e;
    }
  }
}
