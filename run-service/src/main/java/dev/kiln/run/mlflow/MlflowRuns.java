package dev.kiln.run.mlflow;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.paging.Cursor;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.metric.MetricPoint;
import dev.kiln.run.metric.MetricService;
import dev.kiln.run.run.NewRun;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.run.RunStatus;
import dev.kiln.run.run.TagStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * MLflow's run operations over Kiln's runs. An MLflow run is an ordinary Kiln run: its {@code
 * run_id} is the run's name, its {@code run_name} the display name (also kept as the tag {@code
 * mlflow.runName}), and it starts Running at the client's start time. What a run logs goes through
 * {@link MlflowLogging}.
 */
@Service
class MlflowRuns {

  private final RunService runs;
  private final MlflowExperiments experiments;
  private final TagStore tags;
  private final MetricService metrics;

  MlflowRuns(RunService runs, MlflowExperiments experiments, TagStore tags, MetricService metrics) {
    this.runs = runs;
    this.experiments = experiments;
    this.tags = tags;
    this.metrics = metrics;
  }

  /**
   * Creates a Running run in experiment {@code experimentId} ({@code "0"} when absent) for {@code
   * caller}. The parent is the run the tag {@code mlflow.parentRunId} names; the display name is
   * {@code runName} or the tag {@code mlflow.runName}, which must agree, else the run's name.
   */
  @Transactional
  Run create(
      UUID workspaceId,
      String experimentId,
      String runName,
      Long startTime,
      Map<String, String> requestTags,
      Identity caller) {
    Map<String, String> runTags = new LinkedHashMap<>(requestTags);
    String tagged = runTags.get(MlflowRunViews.RUN_NAME_TAG);
    if (runName != null && tagged != null && !runName.equals(tagged)) {
      throw MlflowError.invalid(
          "Both run_name '"
              + runName
              + "' and the tag mlflow.runName '"
              + tagged
              + "' are given, with different values.");
    }
    String displayName = runName != null ? runName : tagged;
    if (displayName != null && (displayName.isBlank() || displayName.length() > 256)) {
      throw MlflowError.invalid("A run_name is 1 to 256 characters.");
    }
    Experiment experiment =
        experiments.byId(workspaceId, experimentId == null ? "0" : experimentId, caller.subject());
    Run run =
        runs.create(
            experiment,
            new NewRun(
                null,
                displayName,
                null,
                runTags.get(MlflowRunViews.PARENT_TAG),
                runTags,
                Map.of(),
                null,
                RunStatus.RUNNING,
                startTime == null ? null : Instant.ofEpochMilli(startTime)),
            caller.subject(),
            caller.name());
    if (displayName == null) {
      tags.set(run.id(), Map.of(MlflowRunViews.RUN_NAME_TAG, run.name()));
    } else if (tagged == null) {
      tags.set(run.id(), Map.of(MlflowRunViews.RUN_NAME_TAG, displayName));
    }
    return run;
  }

  /** The run MLflow calls {@code runId}, deleted (softly) or not. */
  @Transactional(readOnly = true)
  Run require(UUID workspaceId, String runId) {
    return runs.require(workspaceId, MlflowError.require(runId, "run_id"));
  }

  /**
   * Renames the run and moves it to the MLflow {@code status}: the Kiln status it maps to, unless
   * the run's status already shows as that one in MLflow (a Finalizing run is already RUNNING). A
   * submitted command job keeps its status, as on Azure ML: the platform ends it, not {@code
   * mlflow.end_run()} in the user's script.
   */
  @Transactional
  Run update(UUID workspaceId, String runId, String status, Long endTime, String runName) {
    Run run = require(workspaceId, runId);
    if (runName != null) {
      if (runName.isBlank() || runName.length() > 256) {
        throw MlflowError.invalid("A run_name is 1 to 256 characters.");
      }
      runs.update(
          workspaceId,
          run.name(),
          runName,
          null,
          null,
          Map.of(MlflowRunViews.RUN_NAME_TAG, runName));
    }
    if (status != null && !run.submitted() && !status.equals(run.status().mlflow())) {
      run =
          runs.transition(
              workspaceId,
              run.name(),
              RunStatus.fromMlflow(status),
              null,
              null,
              endTime == null ? null : Instant.ofEpochMilli(endTime));
    }
    return run;
  }

  @Transactional
  void setDeleted(UUID workspaceId, String runId, boolean deleted) {
    runs.setDeleted(workspaceId, MlflowError.require(runId, "run_id"), deleted);
  }

  /** A page of the history of metric {@code key}, up to 25,000 points. */
  @Transactional(readOnly = true)
  Page<MetricPoint> history(
      UUID workspaceId, String runId, String key, Long maxResults, String token) {
    Run run = require(workspaceId, runId);
    int limit = maxResults == null ? MetricService.MAX_HISTORY_PAGE : maxResults.intValue();
    if (maxResults != null && (maxResults < 1 || maxResults > MetricService.MAX_HISTORY_PAGE)) {
      throw MlflowError.invalid(
          "max_results must be between 1 and " + MetricService.MAX_HISTORY_PAGE + ".");
    }
    return metrics.history(
        run,
        MlflowError.require(key, "metric_key"),
        new PageRequest(limit, token == null || token.isEmpty() ? null : Cursor.decode(token)));
  }
}
