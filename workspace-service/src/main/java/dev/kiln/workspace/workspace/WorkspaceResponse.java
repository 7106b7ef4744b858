package dev.kiln.workspace.workspace;

import java.time.Instant;
import java.util.UUID;

/** A workspace as the API shows it. */
record WorkspaceResponse(UUID id, String name, String description, Instant createdAt) {

  static WorkspaceResponse of(Workspace workspace) {
    return new WorkspaceResponse(
        workspace.id(), workspace.name(), workspace.description(), workspace.createdAt());
  }
}
