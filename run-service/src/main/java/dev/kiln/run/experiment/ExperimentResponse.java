package dev.kiln.run.experiment;

import dev.kiln.run.JsonMaps;
import java.time.Instant;
import java.util.Map;

/** An experiment as the API shows it. */
public record ExperimentResponse(
    String id,
    String mlflowId,
    String name,
    String description,
    String lifecycle,
    Map<String, String> tags,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public static ExperimentResponse of(Experiment e) {
    return new ExperimentResponse(
        e.id().toString(),
        e.mlflowId(),
        e.name(),
        e.description(),
        e.deleted() ? "deleted" : "active",
        JsonMaps.read(e.tagsJson()),
        e.createdBy(),
        e.createdAt(),
        e.updatedAt());
  }
}
