package dev.kiln.compute.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A compute target as the API shows it: its spec, in the API's camelCase, and the live figures of
 * the scheduler. {@code warnings} (only after a put, and only when there are some) name the keys of
 * the spec that were ignored.
 */
record ComputeResponse(
    UUID id,
    String name,
    String type,
    String kind,
    String backend,
    int minInstances,
    int maxInstances,
    int idleTimeBeforeScaleDown,
    int slotsPerNode,
    Resources resources,
    String description,
    Map<String, String> tags,
    int nodes,
    int busySlots,
    int queued,
    int running,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

  /** What one node offers; {@code null} where not limited. */
  record Resources(Double cpus, Double memoryGb, int gpus) {}

  static ComputeResponse of(ComputeTarget t, ComputeLoad.Load load, List<String> warnings) {
    return new ComputeResponse(
        t.id(),
        t.name(),
        t.kind().azureType(),
        t.kind().label(),
        t.backend().label(),
        t.minNodes(),
        t.maxNodes(),
        t.idleSeconds(),
        t.slotsPerNode(),
        new Resources(t.cpus(), t.memoryMb() == null ? null : t.memoryMb() / 1024.0, t.gpus()),
        t.description(),
        t.tags(),
        load.nodes(),
        load.busySlots(),
        load.queued(),
        load.running(),
        t.createdAt(),
        t.createdBy(),
        t.updatedAt(),
        List.copyOf(warnings));
  }
}
