package dev.kiln.workspace.environment;

import java.util.UUID;

/** Whose environments a name addresses: one workspace's, or Kiln's curated ones. */
record Scope(boolean curated, UUID workspaceId) {

  static final Scope CURATED = new Scope(true, null);

  static Scope workspace(UUID workspaceId) {
    return new Scope(false, workspaceId);
  }
}
