package dev.kiln.compute.target;

import dev.kiln.common.error.NotFoundException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Looks compute targets up, for the other packages of compute-service. Reads only. */
@Component
public class ComputeTargets {

  private final ComputeTargetRepository targets;

  ComputeTargets(ComputeTargetRepository targets) {
    this.targets = targets;
  }

  /**
   * The target named {@code name} (whatever its case) in workspace {@code workspaceId}.
   *
   * @throws NotFoundException ({@code compute_not_found}) when the workspace has no such target
   */
  public ComputeTarget require(UUID workspaceId, String name) {
    return targets
        .findByName(workspaceId, name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "compute_not_found", "Compute '" + name + "' not found in the workspace."));
  }

  /** The target of id {@code id}, if it still exists. */
  public Optional<ComputeTarget> find(UUID id) {
    return targets.findById(id);
  }
}
