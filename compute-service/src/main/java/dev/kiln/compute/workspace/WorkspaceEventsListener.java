package dev.kiln.compute.workspace;

import dev.kiln.common.event.EventEnvelope;
import dev.kiln.common.event.IdempotentConsumer;
import dev.kiln.common.events.WorkspaceCreated;
import dev.kiln.common.events.WorkspaceDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the workspace projection from {@code kiln.workspaces}, applying each event once, and tells
 * the other packages of compute-service in the same transaction.
 */
@Component
class WorkspaceEventsListener {

  static final String CONSUMER = "compute-service.workspace-projection";
  private static final Logger log = LoggerFactory.getLogger(WorkspaceEventsListener.class);

  private final IdempotentConsumer consumer;
  private final KnownWorkspaceRepository workspaces;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  WorkspaceEventsListener(
      IdempotentConsumer consumer,
      KnownWorkspaceRepository workspaces,
      ApplicationEventPublisher events,
      JsonMapper json) {
    this.consumer = consumer;
    this.workspaces = workspaces;
    this.events = events;
    this.json = json;
  }

  @KafkaListener(id = CONSUMER, topics = WorkspaceCreated.TOPIC)
  void on(String value) {
    EventEnvelope envelope;
    try {
      envelope = json.readValue(value, EventEnvelope.class);
    } catch (JacksonException e) {
      log.error("Skipping a record on {} that is not an event envelope", WorkspaceCreated.TOPIC, e);
      return;
    }
    switch (envelope.type()) {
      case "WorkspaceCreated" -> {
        WorkspaceCreated created = envelope.payloadAs(WorkspaceCreated.class, json);
        consumer.applyOnce(
            CONSUMER,
            envelope,
            () -> {
              workspaces.save(
                  new KnownWorkspace(created.workspaceId(), created.name(), created.occurredAt()));
              events.publishEvent(new WorkspaceLearned(created.workspaceId(), created.name()));
            });
      }
      case "WorkspaceDeleted" -> {
        WorkspaceDeleted deleted = envelope.payloadAs(WorkspaceDeleted.class, json);
        consumer.applyOnce(
            CONSUMER,
            envelope,
            () -> {
              workspaces.deleteById(deleted.workspaceId());
              events.publishEvent(new WorkspaceForgotten(deleted.workspaceId()));
            });
      }
      default -> log.debug("Ignoring {} on {}", envelope.type(), WorkspaceCreated.TOPIC);
    }
  }
}
