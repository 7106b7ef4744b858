package dev.kiln.compute.target;

import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.compute.workspace.WorkspaceForgotten;
import dev.kiln.compute.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes, lists and deletes the compute targets of workspaces. */
@Service
class ComputeService {

  private final ComputeTargetRepository targets;
  private final Workspaces workspaces;
  private final ComputeLoad load;
  private final ComputeUsageHistory usage;
  private final Clock clock = Clock.systemUTC();

  ComputeService(
      ComputeTargetRepository targets,
      Workspaces workspaces,
      ComputeLoad load,
      ComputeUsageHistory usage) {
    this.targets = targets;
    this.workspaces = workspaces;
    this.load = load;
    this.usage = usage;
  }

  /** What a put did. */
  enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /** A target after a put, and what the put did to it. */
  record Saved(ComputeTarget target, Outcome outcome) {}

  /**
   * Creates the target {@code definition} describes in {@code workspace}, or brings the one of that
   * name to it. Node bounds, idle time, description and tags may change at any time; the backend,
   * kind, slots and resources only while no job is queued or running on it.
   *
   * @throws KilnException 404 {@code workspace_not_found}, 409 {@code compute_in_use}
   */
  @Transactional
  public Saved put(String workspace, ComputeDefinition definition, String caller) {
    UUID workspaceId = workspaces.idOf(workspace);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ComputeTarget existing =
        targets.findByNameForUpdate(workspaceId, definition.name()).orElse(null);
    if (existing == null) {
      UUID id = UUID.randomUUID();
      if (targets.insertIfMissing(id, workspaceId, definition, caller, now)) {
        return new Saved(targets.findById(id).orElseThrow(), Outcome.CREATED);
      }
      // Another request created it since the lookup: this put updates what it made.
      existing = targets.findByNameForUpdate(workspaceId, definition.name()).orElseThrow();
    }
    if (definition.sameAs(existing)) {
      return new Saved(existing, Outcome.UNCHANGED);
    }
    if (!definition.samePlacement(existing) && load.of(existing.id()).inUse()) {
      throw inUse(existing, "its backend, type, slots or resources cannot change");
    }
    targets.update(existing.id(), definition, now);
    return new Saved(targets.findById(existing.id()).orElseThrow(), Outcome.UPDATED);
  }

  /** One page of the workspace's targets, by name whatever its case. */
  @Transactional(readOnly = true)
  public Page<ComputeTarget> list(String workspace, PageRequest page) {
    UUID workspaceId = workspaces.idOf(workspace);
    List<ComputeTarget> rows = targets.page(workspaceId, page.after(), page.fetchSize());
    return Page.fromOverfetched(rows, page, target -> target.name().toLowerCase(Locale.ROOT));
  }

  /**
   * Target {@code name} of {@code workspace}.
   *
   * @throws NotFoundException {@code workspace_not_found} or {@code compute_not_found}
   */
  @Transactional(readOnly = true)
  public ComputeTarget get(String workspace, String name) {
    return targets.findByName(workspaces.idOf(workspace), name).orElseThrow(() -> notFound(name));
  }

  /**
   * Deletes target {@code name} of {@code workspace}.
   *
   * @throws KilnException 404 when there is no such target, 409 {@code compute_in_use} while jobs
   *     are queued or running on it
   */
  @Transactional
  public void delete(String workspace, String name) {
    ComputeTarget target =
        targets
            .findByNameForUpdate(workspaces.idOf(workspace), name)
            .orElseThrow(() -> notFound(name));
    if (load.of(target.id()).inUse()) {
      throw inUse(target, "it cannot be deleted");
    }
    targets.delete(target.id());
  }

  /** The usage samples of target {@code name} since {@code since}. */
  @Transactional(readOnly = true)
  public List<ComputeUsageHistory.Sample> usage(String workspace, String name, Instant since) {
    return usage.of(get(workspace, name).id(), since);
  }

  /** A deleted workspace takes its compute targets with it. */
  @EventListener
  void on(WorkspaceForgotten forgotten) {
    targets.deleteAllOf(forgotten.workspaceId());
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException(
        "compute_not_found", "Compute '" + name + "' not found in the workspace.");
  }

  private static KilnException inUse(ComputeTarget target, String consequence) {
    return new KilnException(
        HttpStatus.CONFLICT,
        "compute_in_use",
        "Compute '"
            + target.name()
            + "' has jobs queued or running, so "
            + consequence
            + "; wait for them to end or cancel them.",
        true);
  }
}
