package dev.kiln.run.mlflow;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.auth.RequiresRole;
import dev.kiln.common.auth.Role;
import dev.kiln.common.paging.Cursor;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.metric.MetricPoint;
import dev.kiln.run.mlflow.RunMessages.CreateRunRequest;
import dev.kiln.run.mlflow.RunMessages.DeleteTagRequest;
import dev.kiln.run.mlflow.RunMessages.KeyValueRequest;
import dev.kiln.run.mlflow.RunMessages.LogBatchRequest;
import dev.kiln.run.mlflow.RunMessages.LogInputsRequest;
import dev.kiln.run.mlflow.RunMessages.LogMetricRequest;
import dev.kiln.run.mlflow.RunMessages.LogModelRequest;
import dev.kiln.run.mlflow.RunMessages.LogOutputsRequest;
import dev.kiln.run.mlflow.RunMessages.MetricHistoryResponse;
import dev.kiln.run.mlflow.RunMessages.MetricJson;
import dev.kiln.run.mlflow.RunMessages.RunIdRequest;
import dev.kiln.run.mlflow.RunMessages.RunResponse;
import dev.kiln.run.mlflow.RunMessages.SearchRunsRequest;
import dev.kiln.run.mlflow.RunMessages.SearchRunsResponse;
import dev.kiln.run.mlflow.RunMessages.UpdateRunRequest;
import dev.kiln.run.mlflow.RunMessages.UpdateRunResponse;
import dev.kiln.run.run.Run;
import dev.kiln.run.search.RunSearch;
import dev.kiln.run.search.ViewType;
import dev.kiln.run.workspace.Workspaces;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** MLflow's run, logging and metric-history endpoints. */
@RestController
@RequestMapping(MlflowPaths.TRACKING)
class MlflowRunController {

  private static final int DEFAULT_MAX_RESULTS = 1000;
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final MlflowRuns runs;
  private final MlflowLogging logging;
  private final MlflowRunViews views;
  private final MlflowExperiments experiments;
  private final RunSearch search;
  private final Workspaces workspaces;

  MlflowRunController(
      MlflowRuns runs,
      MlflowLogging logging,
      MlflowRunViews views,
      MlflowExperiments experiments,
      RunSearch search,
      Workspaces workspaces) {
    this.runs = runs;
    this.logging = logging;
    this.views = views;
    this.experiments = experiments;
    this.search = search;
    this.workspaces = workspaces;
  }

  @PostMapping("/runs/create")
  RunResponse create(@PathVariable String workspace, @RequestBody CreateRunRequest request) {
    Run run =
        runs.create(
            workspaces.idOf(workspace),
            request.experimentId(),
            request.runName(),
            request.startTime(),
            KeyValue.mapOf(request.tags()),
            CurrentIdentity.get());
    return new RunResponse(views.view(run));
  }

  @GetMapping("/runs/get")
  RunResponse get(
      @PathVariable String workspace,
      @RequestParam(name = "run_id", required = false) String runId,
      @RequestParam(name = "run_uuid", required = false) String runUuid) {
    Run run = runs.require(workspaces.idOf(workspace), runId != null ? runId : runUuid);
    return new RunResponse(views.view(run));
  }

  @PostMapping("/runs/update")
  UpdateRunResponse update(@PathVariable String workspace, @RequestBody UpdateRunRequest request) {
    Run run =
        runs.update(
            workspaces.idOf(workspace),
            request.id(),
            request.status(),
            request.endTime(),
            request.runName());
    return new UpdateRunResponse(views.info(run));
  }

  @PostMapping("/runs/delete")
  Map<String, Object> delete(@PathVariable String workspace, @RequestBody RunIdRequest request) {
    runs.setDeleted(workspaces.idOf(workspace), request.runId(), true);
    return Map.of();
  }

  @PostMapping("/runs/restore")
  Map<String, Object> restore(@PathVariable String workspace, @RequestBody RunIdRequest request) {
    runs.setDeleted(workspaces.idOf(workspace), request.runId(), false);
    return Map.of();
  }

  /**
   * A read sent as POST, so a Reader may search. Experiments the workspace does not have match no
   * runs, as in MLflow.
   */
  @PostMapping("/runs/search")
  @RequiresRole(Role.READER)
  SearchRunsResponse search(
      @PathVariable String workspace, @RequestBody SearchRunsRequest request) {
    UUID workspaceId = workspaces.idOf(workspace);
    int size = Paging.maxResults(request.maxResults(), DEFAULT_MAX_RESULTS);
    ViewType view = ViewType.parse(request.runViewType());
    String caller = CurrentIdentity.get().subject();
    List<String> requested = request.experimentIds() == null ? List.of() : request.experimentIds();
    List<UUID> experimentIds = experiments.idsOf(workspaceId, requested, caller);
    if (!requested.isEmpty() && experimentIds.isEmpty()) {
      return new SearchRunsResponse(List.of(), null);
    }
    String token = request.pageToken();
    Page<Run> page =
        search.search(
            workspaceId,
            experimentIds,
            request.filter(),
            request.orderBy(),
            view,
            new PageRequest(size, token == null || token.isEmpty() ? null : Cursor.decode(token)));
    return new SearchRunsResponse(views.views(page.items()), page.next());
  }

  @PostMapping("/runs/log-metric")
  Map<String, Object> logMetric(
      @PathVariable String workspace,
      @RequestBody LogMetricRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
    logging.logBatch(
        workspaces.idOf(workspace),
        request.id(),
        List.of(request.metric()),
        List.of(),
        List.of(),
        idempotencyKey);
    return Map.of();
  }

  @PostMapping("/runs/log-parameter")
  Map<String, Object> logParam(
      @PathVariable String workspace, @RequestBody KeyValueRequest request) {
    logging.logBatch(
        workspaces.idOf(workspace),
        request.id(),
        List.of(),
        List.of(new KeyValue(request.key(), request.value())),
        List.of(),
        null);
    return Map.of();
  }

  @PostMapping("/runs/log-batch")
  Map<String, Object> logBatch(
      @PathVariable String workspace,
      @RequestBody LogBatchRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
    logging.logBatch(
        workspaces.idOf(workspace),
        request.runId(),
        request.metrics(),
        request.params(),
        request.tags(),
        idempotencyKey);
    return Map.of();
  }

  @PostMapping("/runs/set-tag")
  Map<String, Object> setTag(@PathVariable String workspace, @RequestBody KeyValueRequest request) {
    logging.setTag(workspaces.idOf(workspace), request.id(), request.key(), request.value());
    return Map.of();
  }

  @PostMapping("/runs/delete-tag")
  Map<String, Object> deleteTag(
      @PathVariable String workspace, @RequestBody DeleteTagRequest request) {
    logging.deleteTag(workspaces.idOf(workspace), request.runId(), request.key());
    return Map.of();
  }

  @PostMapping("/runs/log-inputs")
  Map<String, Object> logInputs(
      @PathVariable String workspace, @RequestBody LogInputsRequest request) {
    logging.logInputs(
        workspaces.idOf(workspace), request.runId(), request.datasets(), request.models());
    return Map.of();
  }

  @PostMapping("/runs/outputs")
  Map<String, Object> logOutputs(
      @PathVariable String workspace, @RequestBody LogOutputsRequest request) {
    logging.logOutputs(workspaces.idOf(workspace), request.runId(), request.models());
    return Map.of();
  }

  @PostMapping("/runs/log-model")
  Map<String, Object> logModel(
      @PathVariable String workspace, @RequestBody LogModelRequest request) {
    logging.logModel(workspaces.idOf(workspace), request.runId(), request.modelJson());
    return Map.of();
  }

  @GetMapping("/metrics/get-history")
  MetricHistoryResponse history(
      @PathVariable String workspace,
      @RequestParam(name = "run_id", required = false) String runId,
      @RequestParam(name = "run_uuid", required = false) String runUuid,
      @RequestParam(name = "metric_key", required = false) String key,
      @RequestParam(name = "max_results", required = false) Long maxResults,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    Page<MetricPoint> page =
        runs.history(
            workspaces.idOf(workspace),
            runId != null ? runId : runUuid,
            key,
            maxResults,
            pageToken);
    return new MetricHistoryResponse(
        page.items().stream()
            .map(p -> MetricJson.of(key, p.value(), p.timestamp(), p.step()))
            .toList(),
        page.next());
  }
}
