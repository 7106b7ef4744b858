package dev.kiln.run.run;

import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.workspace.Workspaces;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads, lists, changes, cancels and deletes runs. Creating one ({@code POST …/jobs}, a tracking
 * run or a command job) is {@code dev.kiln.run.job.JobController}'s.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/jobs")
class RunController {

  private final RunService runs;
  private final RunViews views;
  private final ExperimentService experiments;
  private final Workspaces workspaces;

  RunController(
      RunService runs, RunViews views, ExperimentService experiments, Workspaces workspaces) {
    this.runs = runs;
    this.views = views;
    this.experiments = experiments;
    this.workspaces = workspaces;
  }

  /** Runs, newest first; {@code ?experiment=}, {@code ?status=}, {@code ?deleted=true} filter. */
  @GetMapping
  Page<RunResponse> list(
      @PathVariable String workspace,
      @RequestParam(required = false) String experiment,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "false") boolean deleted,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    UUID workspaceId = workspaces.idOf(workspace);
    UUID experimentId =
        experiment == null ? null : experiments.byName(workspaceId, experiment).id();
    Page<Run> page =
        runs.list(
            workspaceId,
            experimentId,
            status == null ? null : RunStatus.parse(status),
            deleted,
            PageRequest.of(limit, cursor));
    return new Page<>(views.views(page.items()), page.next());
  }

  @GetMapping("/{name}")
  RunResponse get(@PathVariable String workspace, @PathVariable String name) {
    return views.view(runs.require(workspaces.idOf(workspace), name));
  }

  /** The run's child runs, oldest first. */
  @GetMapping("/{name}/children")
  Page<RunResponse> children(@PathVariable String workspace, @PathVariable String name) {
    Run run = runs.require(workspaces.idOf(workspace), name);
    return new Page<>(views.views(runs.children(run.id())), null);
  }

  @PatchMapping("/{name}")
  RunResponse update(
      @PathVariable String workspace,
      @PathVariable String name,
      @Valid @RequestBody UpdateRunRequest request) {
    return views.view(
        runs.update(
            workspaces.idOf(workspace),
            name,
            request.displayName(),
            request.description(),
            request.properties(),
            request.tags()));
  }

  @PostMapping("/{name}/status")
  RunResponse status(
      @PathVariable String workspace,
      @PathVariable String name,
      @Valid @RequestBody StatusRequest request) {
    if (request.status() == null) {
      throw new dev.kiln.common.error.InvalidRequestException(
          "invalid_status", "The body needs a status.");
    }
    StatusRequest.Error error = request.error();
    return views.view(
        runs.transition(
            workspaces.idOf(workspace),
            name,
            RunStatus.parse(request.status()),
            error == null ? null : error.code(),
            error == null ? null : error.message(),
            null));
  }

  @PostMapping("/{name}/cancel")
  RunResponse cancel(@PathVariable String workspace, @PathVariable String name) {
    return views.view(runs.cancel(workspaces.idOf(workspace), name));
  }

  /** Deletes the run, its child runs, and all their files. */
  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(@PathVariable String workspace, @PathVariable String name) {
    runs.delete(workspaces.idOf(workspace), name);
    return ResponseEntity.noContent().build();
  }

  record UpdateRunRequest(
      @Size(max = 256) String displayName,
      @Size(max = 5000) String description,
      Map<String, String> properties,
      Map<String, String> tags) {}

  record StatusRequest(String status, @Valid Error error) {

    record Error(@Size(max = 64) String code, @Size(max = 10000) String message) {}
  }
}
