package dev.kiln.run.search;

import dev.kiln.common.auth.RequiresRole;
import dev.kiln.common.auth.Role;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunResponse;
import dev.kiln.run.run.RunViews;
import dev.kiln.run.workspace.Workspaces;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RunSearchController {

  /** The largest limit taken, MLflow's for search_runs; a page still holds at most 1,000. */
  static final int MAX_LIMIT = 50_000;

  static final int MAX_EXPERIMENTS = 1_000;

  private final RunSearch search;
  private final RunViews views;
  private final ExperimentService experiments;
  private final Workspaces workspaces;

  RunSearchController(
      RunSearch search, RunViews views, ExperimentService experiments, Workspaces workspaces) {
    this.search = search;
    this.views = views;
    this.experiments = experiments;
    this.workspaces = workspaces;
  }

  /**
   * Runs matching an MLflow filter, in MLflow's order syntax. A search only reads, so a Reader may
   * send it, though it is a POST (a filter can outgrow a URL).
   */
  @PostMapping("/api/v1/workspaces/{workspace}/jobs/search")
  @RequiresRole(Role.READER)
  Page<RunResponse> search(
      @PathVariable String workspace, @RequestBody(required = false) SearchRunsRequest body) {
    SearchRunsRequest request =
        body == null ? new SearchRunsRequest(null, null, null, null, null, null) : body;
    int limit = request.limit() == null ? PageRequest.DEFAULT_LIMIT : request.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException(
          "invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    List<String> names = request.experiments() == null ? List.of() : request.experiments();
    if (names.size() > MAX_EXPERIMENTS || names.stream().anyMatch(Objects::isNull)) {
      throw new InvalidRequestException(
          "invalid_request",
          "experiments holds at most " + MAX_EXPERIMENTS + " experiment names, none null.");
    }
    ViewType view = ViewType.parse(request.view());
    PageRequest page = PageRequest.of(Math.min(limit, RunSearch.MAX_PAGE_SIZE), request.cursor());
    UUID workspaceId = workspaces.idOf(workspace);
    List<UUID> experimentIds =
        names.stream().distinct().map(n -> experiments.byName(workspaceId, n).id()).toList();
    Page<Run> found =
        search.search(workspaceId, experimentIds, request.filter(), request.orderBy(), view, page);
    return new Page<>(views.views(found.items()), found.next());
  }
}
