package dev.kiln.run.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The bodies of MLflow's run and metric endpoints, with MLflow's field names. */
final class RunMessages {

  private RunMessages() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RunInfoJson(
      String runId,
      String runUuid,
      String runName,
      String experimentId,
      String userId,
      String status,
      Long startTime,
      Long endTime,
      String artifactUri,
      String lifecycleStage) {}

  /** A metric point as logged, read back, or linked to a logged model. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MetricJson(
      String key,
      Double value,
      Long timestamp,
      Long step,
      String datasetName,
      String datasetDigest,
      String modelId,
      String runId) {

    static MetricJson of(String key, double value, long timestamp, long step) {
      return new MetricJson(key, value, timestamp, step, null, null, null, null);
    }
  }

  record RunDataJson(List<MetricJson> metrics, List<KeyValue> params, List<KeyValue> tags) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DatasetJson(
      String name,
      String digest,
      String sourceType,
      String source,
      String schema,
      String profile) {}

  record DatasetInputJson(List<KeyValue> tags, DatasetJson dataset) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ModelInputJson(String modelId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ModelOutputJson(String modelId, Long step) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RunInputsJson(List<DatasetInputJson> datasetInputs, List<ModelInputJson> modelInputs) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RunOutputsJson(List<ModelOutputJson> modelOutputs) {}

  record RunJson(
      RunInfoJson info, RunDataJson data, RunInputsJson inputs, RunOutputsJson outputs) {}

  record RunResponse(RunJson run) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreateRunRequest(
      String experimentId, String userId, String runName, Long startTime, List<KeyValue> tags) {}

  /** Delete and restore. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RunIdRequest(String runId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UpdateRunRequest(
      String runId, String runUuid, String status, Long endTime, String runName) {

    String id() {
      return runId != null ? runId : runUuid;
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UpdateRunResponse(RunInfoJson runInfo) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record SearchRunsRequest(
      List<String> experimentIds,
      String filter,
      String runViewType,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {}

  /** MLflow leaves out an empty list of runs. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record SearchRunsResponse(List<RunJson> runs, String nextPageToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record LogMetricRequest(
      String runId,
      String runUuid,
      String key,
      Double value,
      Long timestamp,
      Long step,
      String modelId,
      String datasetName,
      String datasetDigest) {

    String id() {
      return runId != null ? runId : runUuid;
    }

    MetricJson metric() {
      return new MetricJson(key, value, timestamp, step, datasetName, datasetDigest, modelId, null);
    }
  }

  /** Log a param, set a tag. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record KeyValueRequest(String runId, String runUuid, String key, String value) {

    String id() {
      return runId != null ? runId : runUuid;
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record DeleteTagRequest(String runId, String key) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record LogBatchRequest(
      String runId, List<MetricJson> metrics, List<KeyValue> params, List<KeyValue> tags) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record LogInputsRequest(
      String runId, List<DatasetInputJson> datasets, List<ModelInputJson> models) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record LogOutputsRequest(String runId, List<ModelOutputJson> models) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record LogModelRequest(String runId, String modelJson) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MetricHistoryResponse(List<MetricJson> metrics, String nextPageToken) {}
}
