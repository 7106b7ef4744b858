package dev.kiln.common.events;

import dev.kiln.common.event.KilnEvent;
import dev.kiln.common.id.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * A command job was submitted and waits in {@code Queued}. Published by run-service on {@value
 * #TOPIC}; compute-service queues it on its compute target.
 */
public record RunSubmitted(
    UUID eventId,
    Instant occurredAt,
    UUID workspaceId,
    String workspace,
    UUID runId,
    String runName,
    UUID submitterId,
    String submitterName,
    SubmittedJob job)
    implements KilnEvent {

  public static final String TOPIC = "kiln.runs";

  public static RunSubmitted of(
      UUID workspaceId,
      String workspace,
      UUID runId,
      String runName,
      UUID submitterId,
      String submitterName,
      SubmittedJob job) {
    return new RunSubmitted(
        Ids.newId(),
        Instant.now(),
        workspaceId,
        workspace,
        runId,
        runName,
        submitterId,
        submitterName,
        job);
  }

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String key() {
    return runId.toString();
  }
}
