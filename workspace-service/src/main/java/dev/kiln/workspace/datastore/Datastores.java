package dev.kiln.workspace.datastore;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What other features of workspace-service may ask about datastores. */
@Component
public class Datastores {

  private final DatastoreRepository datastores;

  Datastores(DatastoreRepository datastores) {
    this.datastores = datastores;
  }

  @Transactional(readOnly = true)
  public boolean exists(UUID workspaceId, String name) {
    return datastores.findInWorkspace(workspaceId, name).isPresent();
  }

  /** Whether {@code name} is the workspace's own store, whose files Kiln keeps and hashes. */
  public static boolean isBlobStore(String name) {
    return DatastoreService.DEFAULT_NAME.equalsIgnoreCase(name);
  }
}
