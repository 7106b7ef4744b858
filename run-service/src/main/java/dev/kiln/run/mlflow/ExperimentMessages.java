package dev.kiln.run.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.run.JsonMaps;
import dev.kiln.run.experiment.Experiment;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The bodies of MLflow's experiment endpoints, with MLflow's field names. */
final class ExperimentMessages {

  private ExperimentMessages() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExperimentJson(
      String experimentId,
      String name,
      String artifactLocation,
      String lifecycleStage,
      long lastUpdateTime,
      long creationTime,
      List<KeyValue> tags) {

    static ExperimentJson of(Experiment e) {
      return new ExperimentJson(
          e.mlflowId(),
          e.name(),
          "mlflow-artifacts:/" + e.mlflowId(),
          e.deleted() ? "deleted" : "active",
          e.updatedAt().toEpochMilli(),
          e.createdAt().toEpochMilli(),
          KeyValue.listOf(JsonMaps.read(e.tagsJson())));
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreateRequest(String name, String artifactLocation, List<KeyValue> tags) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreateResponse(String experimentId) {}

  record ExperimentResponse(ExperimentJson experiment) {}

  /** Delete and restore. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record IdRequest(String experimentId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UpdateRequest(String experimentId, String newName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TagRequest(String experimentId, String key, String value) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record SearchRequest(
      Long maxResults, String pageToken, String filter, List<String> orderBy, String viewType) {}

  /** MLflow leaves out an empty list of experiments. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record SearchResponse(List<ExperimentJson> experiments, String nextPageToken) {}
}
