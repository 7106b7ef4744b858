package dev.kiln.run.job;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.auth.Identity;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.run.NewRun;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunResponse;
import dev.kiln.run.run.RunService;
import dev.kiln.run.run.RunStatus;
import dev.kiln.run.run.RunViews;
import dev.kiln.run.snapshot.SnapshotService;
import dev.kiln.run.workspace.Workspaces;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates runs: {@code POST …/jobs} with a tracking run's JSON (ADR 0012), or with a command job in
 * the Azure ML v2 dialect (JSON or YAML), which is queued to run and answered with its accepted
 * spec as {@code job}.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/jobs")
class JobController {

  private final JobSubmissions submissions;
  private final RunService runs;
  private final RunViews views;
  private final ExperimentService experiments;
  private final Workspaces workspaces;
  private final SnapshotService snapshots;
  private final Validator validator;
  private final JsonMapper json;

  JobController(
      JobSubmissions submissions,
      RunService runs,
      RunViews views,
      ExperimentService experiments,
      Workspaces workspaces,
      SnapshotService snapshots,
      Validator validator,
      JsonMapper json) {
    this.submissions = submissions;
    this.runs = runs;
    this.views = views;
    this.experiments = experiments;
    this.workspaces = workspaces;
    this.snapshots = snapshots;
    this.validator = validator;
    this.json = json;
  }

  /**
   * Creates a run. A body with {@code command}, {@code type} or {@code $schema} is a command job;
   * any other is a tracking run in its experiment (created on first use; {@code Default} when none
   * is named).
   */
  @PostMapping(
      consumes = {
        MediaType.APPLICATION_JSON_VALUE,
        MediaType.APPLICATION_YAML_VALUE,
        "application/x-yaml",
        "text/yaml"
      })
  ResponseEntity<RunResponse> create(@PathVariable String workspace, HttpEntity<byte[]> request) {
    Identity caller = CurrentIdentity.get();
    UUID workspaceId = workspaces.idOf(workspace);
    RequestDocument body =
        RequestDocument.read(request.getBody(), request.getHeaders().getContentType(), json);
    Run run;
    if (JobSpecReader.isJobSpec(body.tree())) {
      JobSubmissions.Accepted accepted =
          submissions.accept(workspace, workspaceId, body.tree(), body.text());
      run = submissions.store(workspace, workspaceId, accepted, caller);
    } else {
      run = createTrackingRun(workspaceId, tracking(body), caller);
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(views.view(run));
  }

  private Run createTrackingRun(UUID workspaceId, TrackingRunRequest request, Identity caller) {
    if (request.snapshotId() != null) {
      snapshots.requireExists(workspaceId, request.snapshotId());
    }
    String experimentName =
        request.experimentName() == null ? Experiment.DEFAULT_NAME : request.experimentName();
    Experiment experiment = experiments.getOrCreate(workspaceId, experimentName, caller.subject());
    return runs.create(
        experiment,
        new NewRun(
            request.name(),
            request.displayName(),
            request.description(),
            request.parent(),
            request.tags(),
            request.properties(),
            request.snapshotId(),
            request.status() == null ? null : RunStatus.parse(request.status()),
            null),
        caller.subject(),
        caller.name());
  }

  private TrackingRunRequest tracking(RequestDocument body) {
    TrackingRunRequest request;
    try {
      request = json.treeToValue(body.tree(), TrackingRunRequest.class);
    } catch (JacksonException e) {
      throw new InvalidRequestException(
          "invalid_request",
          "The request body is not a job of the expected shape: " + e.getOriginalMessage());
    }
    Set<ConstraintViolation<TrackingRunRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(
          "invalid_request",
          violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(v -> v.getPropertyPath() + ": " + v.getMessage())
              .collect(Collectors.joining("; ")));
    }
    return request;
  }
}
