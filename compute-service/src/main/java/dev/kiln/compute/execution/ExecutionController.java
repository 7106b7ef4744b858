package dev.kiln.compute.execution;

import dev.kiln.compute.workspace.Workspaces;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How a submitted job is executing, and the runner's heartbeat. */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/jobs/{run}/execution")
class ExecutionController {

  private final Executions executions;
  private final Workspaces workspaces;

  ExecutionController(Executions executions, Workspaces workspaces) {
    this.executions = executions;
    this.workspaces = workspaces;
  }

  /** The queue state, the compute, and every attempt with its workloads and outcome. */
  @GetMapping
  Executions.ExecutionView get(@PathVariable String workspace, @PathVariable String run) {
    return executions.view(workspaces.idOf(workspace), run);
  }

  /** The runner's report; the answer tells it to stop when the job was canceled. */
  @PostMapping("/heartbeat")
  Map<String, Boolean> heartbeat(
      @PathVariable String workspace,
      @PathVariable String run,
      @Valid @RequestBody HeartbeatRequest request) {
    boolean cancel =
        executions.heartbeat(
            workspaces.idOf(workspace),
            run,
            new Executions.Heartbeat(
                request.attempt(),
                request.phase(),
                request.exitCode(),
                request.infrastructureError(),
                request.inputError()));
    return Map.of("cancel", cancel);
  }

  record HeartbeatRequest(
      @Min(1) int attempt,
      @Pattern(regexp = "preparing|running|finalizing|done") String phase,
      Integer exitCode,
      @Size(max = 10_000) String infrastructureError,
      @Size(max = 10_000) String inputError) {}
}
