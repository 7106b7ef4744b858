package dev.kiln.compute.workspace;

import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.web.ServiceClients;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final WorkspaceClient client;

  Workspaces(
      KnownWorkspaceRepository known,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      Environment environment,
      ServiceClients clients) {
    this.known = known;
    this.events = events;
    // Its own transaction: a caller's transaction must not be spoilt by losing the race below.
    this.transactions = new TransactionTemplate(transactions);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

  /** The ids of every workspace compute-service knows. */
  public List<UUID> knownIds() {
    return known.findAll().stream().map(KnownWorkspace::id).toList();
  }

  private UUID fetch(String name) {
    if (client != null) {
      try {
        WorkspaceClient.Found found = client.get(name);
        if (found != null && found.id() != null) {
          remember(found);
          return found.id();
        }
      } catch (HttpClientErrorException.NotFound e) {
        // fall through: the workspace does not exist
      }
    }
    throw new NotFoundException("workspace_not_found", "Workspace '" + name + "' not found.");
  }

  /** Records a fetched workspace as its event would have, unless the event won the race. */
  private void remember(WorkspaceClient.Found found) {
    try {
      transactions.executeWithoutResult(
          status -> {
            known.saveAndFlush(new KnownWorkspace(found.id(), found.name(), Instant.now()));
            events.publishEvent(new WorkspaceLearned(found.id(), found.name()));
          });
    } catch (DataIntegrityViolationException raced) {
      // the event arrived meanwhile and the projection holds the row already
    }
  }

  interface WorkspaceClient {

    record Found(UUID id, String name) {}

    @GetExchange("/api/v1/workspaces/{name}")
    Found get(@PathVariable String name);
  }
}
