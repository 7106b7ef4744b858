package dev.kiln.common.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON record on every Kiln topic: metadata plus the event itself as {@code payload}. */
public record EventEnvelope(
    UUID id, String type, int version, Instant occurredAt, String key, JsonNode payload) {

  public static EventEnvelope of(KilnEvent event, JsonMapper json) {
    return new EventEnvelope(
        event.eventId(),
        event.type(),
        event.version(),
        event.occurredAt(),
        event.key(),
        json.valueToTree(event));
  }

  /** Reads the payload as the given event record. */
  public <T> T payloadAs(Class<T> type, JsonMapper json) {
    return json.treeToValue(payload, type);
  }
}
