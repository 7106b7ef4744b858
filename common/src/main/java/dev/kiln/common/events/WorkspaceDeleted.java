package dev.kiln.common.events;

import dev.kiln.common.event.KilnEvent;
import dev.kiln.common.id.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * A workspace was deleted; services that keep anything of it clean up. Published by
 * workspace-service on {@value WorkspaceCreated#TOPIC}.
 */
public record WorkspaceDeleted(UUID eventId, Instant occurredAt, UUID workspaceId, String name)
    implements KilnEvent {

  public static WorkspaceDeleted of(UUID workspaceId, String name) {
    return new WorkspaceDeleted(Ids.newId(), Instant.now(), workspaceId, name);
  }

  @Override
  public String topic() {
    return WorkspaceCreated.TOPIC;
  }

  @Override
  public String key() {
    return workspaceId.toString();
  }
}
