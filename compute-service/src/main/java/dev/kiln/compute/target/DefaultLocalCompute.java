package dev.kiln.compute.target;

import dev.kiln.compute.workspace.WorkspaceLearned;
import dev.kiln.compute.workspace.Workspaces;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code kiln.compute.default-local-compute} (the standalone), gives every workspace a {@code
 * local} cluster of local processes: when compute-service learns of the workspace, and at start for
 * the workspaces it knew already. A workspace that has a {@code local} target keeps it unchanged.
 */
@Component
class DefaultLocalCompute {

  static final String NAME = "local";
  static final String CREATOR = "system:compute-service";
  private static final Logger log = LoggerFactory.getLogger(DefaultLocalCompute.class);

  private final TargetSettings settings;
  private final ComputeTargetRepository targets;
  private final Workspaces workspaces;

  DefaultLocalCompute(
      TargetSettings settings, ComputeTargetRepository targets, Workspaces workspaces) {
    this.settings = settings;
    this.targets = targets;
    this.workspaces = workspaces;
  }

  /** Runs in the transaction that records the workspace. */
  @EventListener
  void on(WorkspaceLearned learned) {
    if (settings.defaultLocalCompute()) {
      ensure(learned.workspaceId());
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    if (settings.defaultLocalCompute()) {
      workspaces.knownIds().forEach(this::ensure);
    }
  }

  private void ensure(UUID workspaceId) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (targets.insertIfMissing(UUID.randomUUID(), workspaceId, definition(), CREATOR, now)) {
      log.info("Created compute '{}' in workspace {}", NAME, workspaceId);
    }
  }

  /** A cluster of one node with a slot per processor of this machine. */
  static ComputeDefinition definition() {
    int slots = Math.min(Runtime.getRuntime().availableProcessors(), ComputeDefinition.MAX_SLOTS);
    return new ComputeDefinition(
        NAME,
        ComputeBackend.LOCAL,
        ComputeKind.CLUSTER,
        0,
        1,
        ComputeDefinition.DEFAULT_IDLE_SECONDS,
        slots,
        null,
        null,
        0,
        "Processes on the machine that runs Kiln.",
        Map.of());
  }
}
