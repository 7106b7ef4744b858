package dev.kiln.run.run;

import java.time.Instant;
import java.util.Map;

/**
 * What a run is created with, from the REST API or from MLflow.
 *
 * @param name the run's name, unique in the workspace; generated when {@code null}
 * @param parent the name of the parent run, or {@code null}
 * @param status the first status; {@code null} is NotStarted
 * @param startTime when the run started, as a client says; {@code null} for the server's clock
 */
public record NewRun(
    String name,
    String displayName,
    String description,
    String parent,
    Map<String, String> tags,
    Map<String, String> properties,
    String snapshotId,
    RunStatus status,
    Instant startTime) {

  public NewRun {
    tags = tags == null ? Map.of() : tags;
    properties = properties == null ? Map.of() : properties;
  }
}
