package dev.kiln.compute.execution;

import dev.kiln.common.event.EventEnvelope;
import dev.kiln.common.event.IdempotentConsumer;
import dev.kiln.common.events.RunCanceled;
import dev.kiln.common.events.RunSubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Submissions and cancellations from {@code kiln.runs}, each applied once. */
@Component
@Lazy(false)
class RunEventsListener {

  static final String CONSUMER = "compute-service.executions";
  private static final Logger log = LoggerFactory.getLogger(RunEventsListener.class);

  private final IdempotentConsumer consumer;
  private final Executions executions;
  private final JsonMapper json;

  RunEventsListener(IdempotentConsumer consumer, Executions executions, JsonMapper json) {
    this.consumer = consumer;
    this.executions = executions;
    this.json = json;
  }

  @KafkaListener(id = CONSUMER, topics = RunSubmitted.TOPIC)
  void on(String value) {
    EventEnvelope envelope;
    try {
      envelope = json.readValue(value, EventEnvelope.class);
    } catch (JacksonException e) {
      log.error("Skipping a record on {} that is not an event envelope", RunSubmitted.TOPIC, e);
      return;
    }
    switch (envelope.type()) {
      case "RunSubmitted" -> {
        RunSubmitted submitted = envelope.payloadAs(RunSubmitted.class, json);
        consumer.applyOnce(CONSUMER, envelope, () -> executions.submit(submitted));
      }
      case "RunCanceled" -> {
        RunCanceled canceled = envelope.payloadAs(RunCanceled.class, json);
        consumer.applyOnce(CONSUMER, envelope, () -> executions.cancel(canceled));
      }
      default -> log.debug("Ignoring {} on {}", envelope.type(), RunSubmitted.TOPIC);
    }
  }
}
