package dev.kiln.run.mlflow;

import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.mlflow.LoggedModelMessages.DataJson;
import dev.kiln.run.mlflow.LoggedModelMessages.InfoJson;
import dev.kiln.run.mlflow.LoggedModelMessages.ModelJson;
import dev.kiln.run.mlflow.RunMessages.MetricJson;
import dev.kiln.run.run.RunService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Logged models as MLflow shows them; a page of models costs a fixed number of queries. */
@Component
class LoggedModelViews {

  private final LoggedModelStore store;
  private final ExperimentService experimentService;
  private final RunService runs;

  LoggedModelViews(LoggedModelStore store, ExperimentService experimentService, RunService runs) {
    this.store = store;
    this.experimentService = experimentService;
    this.runs = runs;
  }

  /** The models as MLflow shows them, with a fixed number of queries. */
  @Transactional(readOnly = true)
  List<ModelJson> views(List<LoggedModel> models) {
    List<String> ids = models.stream().map(LoggedModel::id).toList();
    Map<String, Map<String, String>> tags = store.tags(ids);
    Map<String, Map<String, String>> params = store.params(ids);
    Map<String, List<MetricJson>> metrics = store.metrics(ids);
    Map<UUID, String> runNames = runNames(models);
    Map<UUID, String> experimentIds = new HashMap<>();
    for (LoggedModel m : models) {
      experimentIds.computeIfAbsent(m.experimentId(), id -> experimentService.byId(id).mlflowId());
    }
    List<ModelJson> views = new ArrayList<>(models.size());
    for (LoggedModel m : models) {
      String experimentId = experimentIds.get(m.experimentId());
      views.add(
          new ModelJson(
              new InfoJson(
                  m.id(),
                  experimentId,
                  m.name(),
                  m.createdAt().toEpochMilli(),
                  m.updatedAt().toEpochMilli(),
                  LoggedModels.artifactUri(experimentId, m.id()),
                  m.status(),
                  m.modelType() == null ? "" : m.modelType(),
                  m.sourceRunId() == null ? null : runNames.get(m.sourceRunId()),
                  m.statusMessage(),
                  KeyValue.listOf(tags.getOrDefault(m.id(), Map.of()))),
              new DataJson(
                  KeyValue.listOf(params.getOrDefault(m.id(), Map.of())),
                  metrics.getOrDefault(m.id(), List.of()))));
    }
    return views;
  }

  @Transactional(readOnly = true)
  ModelJson view(LoggedModel model) {
    return views(List.of(model)).get(0);
  }

  /** The names of the models' source runs, by run id. */
  @Transactional(readOnly = true)
  Map<UUID, String> runNames(List<LoggedModel> models) {
    Map<UUID, String> names = new HashMap<>();
    runs.byIds(
            models.stream()
                .map(LoggedModel::sourceRunId)
                .filter(Objects::nonNull)
                .distinct()
                .toList())
        .forEach(r -> names.put(r.id(), r.name()));
    return names;
  }
}
