package dev.kiln.workspace.workspace;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Finds a workspace's id by name for the other features of workspace-service. */
@Component
public class WorkspaceLookup {

  private final WorkspaceRepository workspaces;

  WorkspaceLookup(WorkspaceRepository workspaces) {
    this.workspaces = workspaces;
  }

  /** The id of workspace {@code name}; a 404 problem when there is none. */
  @Transactional(readOnly = true)
  public UUID requireId(String name) {
    return workspaces
        .findByName(name)
        .map(Workspace::id)
        .orElseThrow(() -> new WorkspaceNotFoundException(name));
  }
}
