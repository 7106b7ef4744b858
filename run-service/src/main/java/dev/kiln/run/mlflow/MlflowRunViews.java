package dev.kiln.run.mlflow;

import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.metric.MetricPoint;
import dev.kiln.run.metric.MetricService;
import dev.kiln.run.mlflow.RunMessages.MetricJson;
import dev.kiln.run.mlflow.RunMessages.RunDataJson;
import dev.kiln.run.mlflow.RunMessages.RunInfoJson;
import dev.kiln.run.mlflow.RunMessages.RunInputsJson;
import dev.kiln.run.mlflow.RunMessages.RunJson;
import dev.kiln.run.mlflow.RunMessages.RunOutputsJson;
import dev.kiln.run.run.ParamStore;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.run.TagStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Kiln runs as MLflow shows them; a page of runs costs a fixed number of queries. */
@Component
class MlflowRunViews {

  static final String RUN_NAME_TAG = "mlflow.runName";
  static final String PARENT_TAG = "mlflow.parentRunId";

  private final RunService runs;
  private final ExperimentService experiments;
  private final TagStore tags;
  private final ParamStore params;
  private final MetricService metrics;
  private final RunInputsStore inputs;

  MlflowRunViews(
      RunService runs,
      ExperimentService experiments,
      TagStore tags,
      ParamStore params,
      MetricService metrics,
      RunInputsStore inputs) {
    this.runs = runs;
    this.experiments = experiments;
    this.tags = tags;
    this.params = params;
    this.metrics = metrics;
    this.inputs = inputs;
  }

  /** Where MLflow finds the run's artifacts, through the artifacts proxy. */
  static String artifactUri(String experimentId, String runId) {
    return "mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts";
  }

  @Transactional(readOnly = true)
  RunInfoJson info(Run run) {
    return info(run, experiments.byId(run.experimentId()));
  }

  @Transactional(readOnly = true)
  RunJson view(Run run) {
    return views(List.of(run)).get(0);
  }

  @Transactional(readOnly = true)
  List<RunJson> views(List<Run> page) {
    List<UUID> ids = page.stream().map(Run::id).toList();
    Map<UUID, Map<String, String>> tagsByRun = tags.of(ids);
    Map<UUID, Map<String, String>> paramsByRun = params.of(ids);
    Map<UUID, Map<String, MetricPoint>> latest = metrics.latest(ids);
    Map<UUID, RunInputsStore.Recorded> recorded = inputs.of(ids);
    Map<UUID, Experiment> experimentsById = new HashMap<>();
    page.stream()
        .map(Run::experimentId)
        .distinct()
        .forEach(id -> experimentsById.put(id, experiments.byId(id)));
    Map<UUID, String> parentNames = new HashMap<>();
    runs.byIds(page.stream().map(Run::parentId).filter(Objects::nonNull).distinct().toList())
        .forEach(p -> parentNames.put(p.id(), p.name()));
    List<RunJson> views = new ArrayList<>(page.size());
    for (Run run : page) {
      Map<String, String> runTags = new LinkedHashMap<>(tagsByRun.getOrDefault(run.id(), Map.of()));
      // Runs made through Kiln's API carry no MLflow tags; MLflow's UI and clients expect these.
      runTags.putIfAbsent(RUN_NAME_TAG, run.displayName());
      if (run.parentId() != null && parentNames.containsKey(run.parentId())) {
        runTags.putIfAbsent(PARENT_TAG, parentNames.get(run.parentId()));
      }
      List<MetricJson> metricList = new ArrayList<>();
      latest
          .getOrDefault(run.id(), Map.of())
          .forEach(
              (key, p) -> metricList.add(MetricJson.of(key, p.value(), p.timestamp(), p.step())));
      RunInputsStore.Recorded io = recorded.getOrDefault(run.id(), RunInputsStore.Recorded.NONE);
      views.add(
          new RunJson(
              info(run, experimentsById.get(run.experimentId())),
              new RunDataJson(
                  metricList,
                  KeyValue.listOf(paramsByRun.getOrDefault(run.id(), Map.of())),
                  KeyValue.listOf(runTags)),
              new RunInputsJson(io.datasets(), io.inputs()),
              new RunOutputsJson(io.outputs())));
    }
    return views;
  }

  private static RunInfoJson info(Run run, Experiment experiment) {
    // A run that has not started yet shows its creation time, as every MLflow run has a start.
    Instant start = run.startTime() != null ? run.startTime() : run.createdAt();
    return new RunInfoJson(
        run.name(),
        run.name(),
        run.displayName(),
        experiment.mlflowId(),
        run.submittedName(),
        run.status().mlflow(),
        start.toEpochMilli(),
        run.endTime() == null ? null : run.endTime().toEpochMilli(),
        artifactUri(experiment.mlflowId(), run.name()),
        run.deleted() ? "deleted" : "active");
  }
}
