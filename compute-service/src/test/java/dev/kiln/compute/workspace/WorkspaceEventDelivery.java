package dev.kiln.compute.workspace;

import dev.kiln.common.event.EventEnvelope;
import dev.kiln.common.event.KilnEvent;
import org.springframework.boot.test.context.TestComponent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands an event to the workspace listener as Kafka would, for test contexts whose listeners do not
 * consume from the broker.
 */
@TestComponent
public class WorkspaceEventDelivery {

  private final WorkspaceEventsListener listener;
  private final JsonMapper json;

  WorkspaceEventDelivery(WorkspaceEventsListener listener, JsonMapper json) {
    this.listener = listener;
    this.json = json;
  }

  /** Delivers {@code event} in its envelope, as the listener's record value. */
  public void deliver(KilnEvent event) {
    listener.on(json.writeValueAsString(EventEnvelope.of(event, json)));
  }
}
