package dev.kiln.workspace.workspace;

import dev.kiln.common.error.ConflictException;

class WorkspaceAlreadyExistsException extends ConflictException {

  WorkspaceAlreadyExistsException(String name) {
    super("workspace_exists", "A workspace named '" + name + "' already exists.");
  }
}
