package dev.kiln.run.mlflow;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.auth.RequiresRole;
import dev.kiln.common.auth.Role;
import dev.kiln.run.mlflow.LoggedModelMessages.CreateRequest;
import dev.kiln.run.mlflow.LoggedModelMessages.FinalizeRequest;
import dev.kiln.run.mlflow.LoggedModelMessages.ModelResponse;
import dev.kiln.run.mlflow.LoggedModelMessages.ParamsRequest;
import dev.kiln.run.mlflow.LoggedModelMessages.SearchRequest;
import dev.kiln.run.mlflow.LoggedModelMessages.SearchResponse;
import dev.kiln.run.mlflow.LoggedModelMessages.TagsRequest;
import dev.kiln.run.workspace.Workspaces;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** MLflow 3's logged-model endpoints. */
@RestController
@RequestMapping(MlflowPaths.TRACKING + "/logged-models")
class MlflowLoggedModelController {

  private static final int DEFAULT_MAX_RESULTS = 100;

  private final LoggedModels models;
  private final LoggedModelSearch search;
  private final LoggedModelViews views;
  private final Workspaces workspaces;

  MlflowLoggedModelController(
      LoggedModels models,
      LoggedModelSearch search,
      LoggedModelViews views,
      Workspaces workspaces) {
    this.models = models;
    this.search = search;
    this.views = views;
    this.workspaces = workspaces;
  }

  @PostMapping
  ModelResponse create(@PathVariable String workspace, @RequestBody CreateRequest request) {
    LoggedModel model =
        models.create(
            workspaces.idOf(workspace),
            request.experimentId(),
            request.name(),
            request.modelType(),
            request.sourceRunId(),
            LoggedModels.paramsOf(request.params()),
            KeyValue.mapOf(request.tags()),
            CurrentIdentity.get().subject());
    return new ModelResponse(views.view(model));
  }

  /** A deleted model is not found, as in MLflow. */
  @GetMapping("/{modelId}")
  ModelResponse get(@PathVariable String workspace, @PathVariable String modelId) {
    LoggedModel model = models.require(workspaces.idOf(workspace), modelId);
    if (model.deleted()) {
      throw MlflowError.notFound("Logged model '" + modelId + "' not found.");
    }
    return new ModelResponse(views.view(model));
  }

  /** Finalizes the model: its files are uploaded (or failed to be). */
  @PatchMapping("/{modelId}")
  ModelResponse finalizeModel(
      @PathVariable String workspace,
      @PathVariable String modelId,
      @RequestBody FinalizeRequest request) {
    return new ModelResponse(
        views.view(models.finalizeModel(workspaces.idOf(workspace), modelId, request.status())));
  }

  @DeleteMapping("/{modelId}")
  Map<String, Object> delete(@PathVariable String workspace, @PathVariable String modelId) {
    models.delete(workspaces.idOf(workspace), modelId);
    return Map.of();
  }

  @PatchMapping("/{modelId}/tags")
  ModelResponse setTags(
      @PathVariable String workspace,
      @PathVariable String modelId,
      @RequestBody TagsRequest request) {
    UUID workspaceId = workspaces.idOf(workspace);
    models.setTags(workspaceId, modelId, KeyValue.mapOf(request.tags()));
    return new ModelResponse(views.view(models.require(workspaceId, modelId)));
  }

  @DeleteMapping("/{modelId}/tags/{key}")
  Map<String, Object> deleteTag(
      @PathVariable String workspace, @PathVariable String modelId, @PathVariable String key) {
    models.deleteTag(workspaces.idOf(workspace), modelId, key);
    return Map.of();
  }

  @PostMapping("/{modelId}/params")
  Map<String, Object> logParams(
      @PathVariable String workspace,
      @PathVariable String modelId,
      @RequestBody ParamsRequest request) {
    models.logParams(workspaces.idOf(workspace), modelId, LoggedModels.paramsOf(request.params()));
    return Map.of();
  }

  /** A read sent as POST, so a Reader may search. */
  @PostMapping("/search")
  @RequiresRole(Role.READER)
  SearchResponse search(@PathVariable String workspace, @RequestBody SearchRequest request) {
    if (request.datasets() != null && !request.datasets().isEmpty()) {
      throw MlflowError.invalid("Kiln does not search logged models by dataset.");
    }
    int size = Paging.maxResults(request.maxResults(), DEFAULT_MAX_RESULTS);
    int offset = Paging.offset(request.pageToken());
    List<LoggedModel> all =
        search.search(
            workspaces.idOf(workspace),
            request.experimentIds(),
            request.filter(),
            request.orderBy(),
            CurrentIdentity.get().subject());
    return new SearchResponse(
        views.views(Paging.page(all, offset, size)), Paging.next(all.size(), offset, size));
  }
}
