package dev.kiln.run.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.run.mlflow.RunMessages.MetricJson;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The bodies of MLflow 3's logged-model endpoints, with MLflow's field names. */
final class LoggedModelMessages {

  private LoggedModelMessages() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record InfoJson(
      String modelId,
      String experimentId,
      String name,
      long creationTimestampMs,
      long lastUpdatedTimestampMs,
      String artifactUri,
      String status,
      String modelType,
      String sourceRunId,
      String statusMessage,
      List<KeyValue> tags) {}

  record DataJson(List<KeyValue> params, List<MetricJson> metrics) {}

  record ModelJson(InfoJson info, DataJson data) {}

  record ModelResponse(ModelJson model) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreateRequest(
      String experimentId,
      String name,
      String modelType,
      String sourceRunId,
      List<KeyValue> params,
      List<KeyValue> tags) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record FinalizeRequest(String modelId, String status) {}

  record TagsRequest(List<KeyValue> tags) {}

  record ParamsRequest(List<KeyValue> params) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OrderBy(String fieldName, Boolean ascending, String datasetName, String datasetDigest) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record DatasetFilter(String datasetName, String datasetDigest) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record SearchRequest(
      List<String> experimentIds,
      String filter,
      List<DatasetFilter> datasets,
      Long maxResults,
      List<OrderBy> orderBy,
      String pageToken) {}

  /** MLflow leaves out an empty list of models. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record SearchResponse(List<ModelJson> models, String nextPageToken) {}
}
