package dev.kiln.common.events;

import dev.kiln.common.event.KilnEvent;
import dev.kiln.common.id.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * A user canceled a run that had not ended. Published by run-service on {@value
 * RunSubmitted#TOPIC}; compute-service takes the job out of its queue or stops its workload.
 */
public record RunCanceled(
    UUID eventId, Instant occurredAt, UUID workspaceId, UUID runId, String runName)
    implements KilnEvent {

  public static RunCanceled of(UUID workspaceId, UUID runId, String runName) {
    return new RunCanceled(Ids.newId(), Instant.now(), workspaceId, runId, runName);
  }

  @Override
  public String topic() {
    return RunSubmitted.TOPIC;
  }

  @Override
  public String key() {
    return runId.toString();
  }
}
