package dev.kiln.compute.target;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A compute target as stored: one row of {@code compute_target}.
 *
 * @param id the target's id
 * @param workspaceId the workspace it belongs to
 * @param name its name, unique in the workspace whatever its case
 * @param backend where its workloads run
 * @param kind instance (one node) or cluster
 * @param minNodes the nodes a cluster keeps even when idle
 * @param maxNodes the most nodes it may grow to (1 to 1000)
 * @param idleSeconds how long a node stays idle before it is released
 * @param slotsPerNode how many jobs one node runs at once (1 to 256)
 * @param cpus CPUs per node, or {@code null} when not limited
 * @param memoryMb memory per node in MiB, or {@code null} when not limited
 * @param gpus GPUs per node
 * @param description free text, or {@code null}
 * @param tags the user's tags
 * @param createdAt when it was created
 * @param createdBy who created it: a user id, or {@code system:<component>}
 * @param updatedAt when its spec last changed
 */
public record ComputeTarget(
    UUID id,
    UUID workspaceId,
    String name,
    ComputeBackend backend,
    ComputeKind kind,
    int minNodes,
    int maxNodes,
    int idleSeconds,
    int slotsPerNode,
    Double cpus,
    Long memoryMb,
    int gpus,
    String description,
    Map<String, String> tags,
    Instant createdAt,
    String createdBy,
    Instant updatedAt) {

  public ComputeTarget {
    tags = Map.copyOf(tags);
  }
}
