package dev.kiln.common.events;

import dev.kiln.common.event.KilnEvent;
import dev.kiln.common.id.Ids;
import java.time.Instant;
import java.util.UUID;

/** A workspace was created. Published by workspace-service on {@value #TOPIC}. */
public record WorkspaceCreated(
    UUID eventId, Instant occurredAt, UUID workspaceId, String name, String description)
    implements KilnEvent {

  public static final String TOPIC = "kiln.workspaces";

  public static WorkspaceCreated of(UUID workspaceId, String name, String description) {
    return new WorkspaceCreated(Ids.newId(), Instant.now(), workspaceId, name, description);
  }

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String key() {
    return workspaceId.toString();
  }
}
