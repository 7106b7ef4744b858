package dev.kiln.workspace.workspace;

import dev.kiln.common.error.NotFoundException;

class WorkspaceNotFoundException extends NotFoundException {

  WorkspaceNotFoundException(String name) {
    super("workspace_not_found", "Workspace '" + name + "' not found.");
  }
}
