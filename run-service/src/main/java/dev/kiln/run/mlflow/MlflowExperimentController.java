package dev.kiln.run.mlflow;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.auth.RequiresRole;
import dev.kiln.common.auth.Role;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.mlflow.ExperimentMessages.CreateRequest;
import dev.kiln.run.mlflow.ExperimentMessages.CreateResponse;
import dev.kiln.run.mlflow.ExperimentMessages.ExperimentJson;
import dev.kiln.run.mlflow.ExperimentMessages.ExperimentResponse;
import dev.kiln.run.mlflow.ExperimentMessages.IdRequest;
import dev.kiln.run.mlflow.ExperimentMessages.SearchRequest;
import dev.kiln.run.mlflow.ExperimentMessages.SearchResponse;
import dev.kiln.run.mlflow.ExperimentMessages.TagRequest;
import dev.kiln.run.mlflow.ExperimentMessages.UpdateRequest;
import dev.kiln.run.workspace.Workspaces;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** MLflow's experiment endpoints. */
@RestController
@RequestMapping(MlflowPaths.TRACKING + "/experiments")
class MlflowExperimentController {

  private static final int DEFAULT_MAX_RESULTS = 1000;

  private final MlflowExperiments experiments;
  private final Workspaces workspaces;

  MlflowExperimentController(MlflowExperiments experiments, Workspaces workspaces) {
    this.experiments = experiments;
    this.workspaces = workspaces;
  }

  @PostMapping("/create")
  CreateResponse create(@PathVariable String workspace, @RequestBody CreateRequest request) {
    Experiment created =
        experiments.create(
            workspaces.idOf(workspace),
            request.name(),
            request.artifactLocation(),
            KeyValue.mapOf(request.tags()),
            caller());
    return new CreateResponse(created.mlflowId());
  }

  @GetMapping("/get")
  ExperimentResponse get(
      @PathVariable String workspace,
      @RequestParam(name = "experiment_id", required = false) String id) {
    return new ExperimentResponse(
        ExperimentJson.of(experiments.byId(workspaces.idOf(workspace), id, caller())));
  }

  @GetMapping("/get-by-name")
  ExperimentResponse getByName(
      @PathVariable String workspace,
      @RequestParam(name = "experiment_name", required = false) String name) {
    return new ExperimentResponse(
        ExperimentJson.of(experiments.byName(workspaces.idOf(workspace), name, caller())));
  }

  /** A read sent as POST, so a Reader may search. */
  @PostMapping("/search")
  @RequiresRole(Role.READER)
  SearchResponse search(@PathVariable String workspace, @RequestBody SearchRequest request) {
    int size = Paging.maxResults(request.maxResults(), DEFAULT_MAX_RESULTS);
    int offset = Paging.offset(request.pageToken());
    List<Experiment> all =
        experiments.search(
            workspaces.idOf(workspace),
            request.filter(),
            request.orderBy(),
            request.viewType(),
            caller());
    return new SearchResponse(
        Paging.page(all, offset, size).stream().map(ExperimentJson::of).toList(),
        Paging.next(all.size(), offset, size));
  }

  @PostMapping("/update")
  Map<String, Object> update(@PathVariable String workspace, @RequestBody UpdateRequest request) {
    experiments.rename(
        workspaces.idOf(workspace), request.experimentId(), request.newName(), caller());
    return Map.of();
  }

  @PostMapping("/delete")
  Map<String, Object> delete(@PathVariable String workspace, @RequestBody IdRequest request) {
    experiments.setDeleted(workspaces.idOf(workspace), request.experimentId(), true, caller());
    return Map.of();
  }

  @PostMapping("/restore")
  Map<String, Object> restore(@PathVariable String workspace, @RequestBody IdRequest request) {
    experiments.setDeleted(workspaces.idOf(workspace), request.experimentId(), false, caller());
    return Map.of();
  }

  @PostMapping("/set-experiment-tag")
  Map<String, Object> setTag(@PathVariable String workspace, @RequestBody TagRequest request) {
    experiments.setTag(
        workspaces.idOf(workspace),
        request.experimentId(),
        request.key(),
        request.value(),
        caller());
    return Map.of();
  }

  @PostMapping("/delete-experiment-tag")
  Map<String, Object> deleteTag(@PathVariable String workspace, @RequestBody TagRequest request) {
    UUID workspaceId = workspaces.idOf(workspace);
    experiments.deleteTag(workspaceId, request.experimentId(), request.key(), caller());
    return Map.of();
  }

  private static String caller() {
    return CurrentIdentity.get().subject();
  }
}
