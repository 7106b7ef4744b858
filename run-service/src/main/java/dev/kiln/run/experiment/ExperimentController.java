package dev.kiln.run.experiment;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.workspace.Workspaces;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/experiments")
class ExperimentController {

  private final ExperimentService experiments;
  private final Workspaces workspaces;

  ExperimentController(ExperimentService experiments, Workspaces workspaces) {
    this.experiments = experiments;
    this.workspaces = workspaces;
  }

  /** Experiments by name; deleted ones with {@code ?deleted=true}. */
  @GetMapping
  Page<ExperimentResponse> list(
      @PathVariable String workspace,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "false") boolean deleted) {
    return experiments
        .list(workspaces.idOf(workspace), PageRequest.of(limit, cursor), deleted)
        .map(ExperimentResponse::of);
  }

  @GetMapping("/{name}")
  ExperimentResponse get(@PathVariable String workspace, @PathVariable String name) {
    return ExperimentResponse.of(experiments.byName(workspaces.idOf(workspace), name));
  }

  /** Creates the experiment or replaces its description and tags. */
  @PutMapping("/{name}")
  ExperimentResponse put(
      @PathVariable String workspace,
      @PathVariable String name,
      @Valid @RequestBody(required = false) PutExperimentRequest request) {
    PutExperimentRequest body = request == null ? new PutExperimentRequest(null, null) : request;
    return ExperimentResponse.of(
        experiments.put(
            workspaces.idOf(workspace),
            name,
            body.description(),
            body.tags(),
            CurrentIdentity.get().subject()));
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(@PathVariable String workspace, @PathVariable String name) {
    UUID workspaceId = workspaces.idOf(workspace);
    experiments.setDeleted(workspaceId, experiments.byName(workspaceId, name).id(), true);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{name}/restore")
  ExperimentResponse restore(@PathVariable String workspace, @PathVariable String name) {
    UUID workspaceId = workspaces.idOf(workspace);
    return ExperimentResponse.of(
        experiments.setDeleted(workspaceId, experiments.byName(workspaceId, name).id(), false));
  }

  record PutExperimentRequest(
      @Size(max = 5000) String description, @Size(max = 100) Map<String, String> tags) {}
}
