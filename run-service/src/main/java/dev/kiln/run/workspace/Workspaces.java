package dev.kiln.run.workspace;

import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.web.ServiceClients;
import java.time.Instant;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.service.annotation.GetExchange;

/**
 * Turns a workspace name from a path into its id. The projection answers; a name it does not know
 * yet (the event may still be on its way) is asked of workspace-service once and remembered.
 */
@Component
public class Workspaces {

  private final KnownWorkspaceRepository known;
  private final WorkspaceClient client;

  Workspaces(KnownWorkspaceRepository known, Environment environment, ServiceClients clients) {
    this.known = known;
    this.client =
        environment.containsProperty("kiln.services.workspace")
            ? clients.create("workspace", WorkspaceClient.class)
            : null;
  }

  /**
   * The id of workspace {@code name}.
   *
   * @throws NotFoundException ({@code workspace_not_found}) when no such workspace exists
   */
  public UUID idOf(String name) {
    return known.findByName(name).map(KnownWorkspace::id).orElseGet(() -> fetch(name));
  }

  private UUID fetch(String name) {
    if (client != null) {
      try {
        WorkspaceClient.Found found = client.get(name);
        if (found != null && found.id() != null) {
          try {
            known.save(new KnownWorkspace(found.id(), found.name(), Instant.now()));
          } catch (DataIntegrityViolationException raced) {
            // the event arrived meanwhile and the projection holds the row already
          }
          return found.id();
        }
      } catch (HttpClientErrorException.NotFound e) {
        // fall through: the workspace does not exist
      }
    }
    throw new NotFoundException("workspace_not_found", "Workspace '" + name + "' not found.");
  }

  interface WorkspaceClient {

    record Found(UUID id, String name) {}

    @GetExchange("/api/v1/workspaces/{name}")
    Found get(@PathVariable String name);
  }
}
