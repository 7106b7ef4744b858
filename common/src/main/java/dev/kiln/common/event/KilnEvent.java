package dev.kiln.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event that leaves its service through the outbox to Kafka. Implementations are records in
 * {@code dev.kiln.common.events}, named in the past tense. The id is part of the event itself, so
 * that a republished event keeps its id and consumers can drop the duplicate.
 */
public interface KilnEvent {

  /** Unique id of this occurrence; stable across republication. */
  UUID eventId();

  Instant occurredAt();

  /** The Kafka topic, {@code kiln.<aggregate>}. */
  String topic();

  /** The partition key: events with the same key keep their order. */
  String key();

  /** The payload schema version; bump it when a field changes meaning or is removed. */
  default int version() {
    return 1;
  }

  /** The type name consumers dispatch on. */
  default String type() {
    return getClass().getSimpleName();
  }
}
