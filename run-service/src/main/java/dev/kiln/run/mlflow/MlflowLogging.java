package dev.kiln.run.mlflow;

import dev.kiln.common.paging.Cursor;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.metric.Batch;
import dev.kiln.run.metric.MetricPoint;
import dev.kiln.run.metric.MetricService;
import dev.kiln.run.mlflow.RunMessages.DatasetInputJson;
import dev.kiln.run.mlflow.RunMessages.MetricJson;
import dev.kiln.run.mlflow.RunMessages.ModelInputJson;
import dev.kiln.run.mlflow.RunMessages.ModelOutputJson;
import dev.kiln.run.run.Keys;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.run.TagStore;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What MLflow clients log to a run: metrics, params, tags, dataset inputs, model outputs. Logging
 * to a deleted run is refused, and a refused call writes nothing.
 */
@Service
class MlflowLogging {

  /** MLflow's limits on a dataset of {@code log-inputs}. */
  private static final int MAX_DATASET_NAME = 500;

  private static final int MAX_DATASET_DIGEST = 36;
  private static final int MAX_DATASET_SOURCE_TYPE = 64;
  private static final String LOG_MODEL_HISTORY_TAG = "mlflow.log-model.history";

  private final RunService runs;
  private final TagStore tags;
  private final MetricService metrics;
  private final RunInputsStore inputs;
  private final LoggedModels models;

  MlflowLogging(
      RunService runs,
      TagStore tags,
      MetricService metrics,
      RunInputsStore inputs,
      LoggedModels models) {
    this.runs = runs;
    this.tags = tags;
    this.metrics = metrics;
    this.inputs = inputs;
    this.models = models;
  }

  /**
   * Logs a batch as MLflow does. Metrics and params go through the metric store's receipts, so a
   * retried batch logs no point twice; tags are last-write-wins and set directly, since a receipt
   * would swallow a tag set back to an earlier value. A metric carrying a {@code model_id} is also
   * linked to that logged model; the client re-sends points it logged before to link them, and
   * those are not added to the run's series a second time.
   */
  @Transactional
  void logBatch(
      UUID workspaceId,
      String runId,
      List<MetricJson> metricList,
      List<KeyValue> paramList,
      List<KeyValue> tagList,
      String idempotencyKey) {
    List<MetricJson> points = metricList == null ? List.of() : metricList;
    List<KeyValue> paramPairs = paramList == null ? List.of() : paramList;
    List<KeyValue> tagPairs = tagList == null ? List.of() : tagList;
    if (tagPairs.size() > Batch.MAX_TAGS
        || points.size() + paramPairs.size() + tagPairs.size() > Batch.MAX_ENTRIES) {
      throw MlflowError.invalid(
          "A batch holds at most "
              + Batch.MAX_METRICS
              + " metrics, "
              + Batch.MAX_PARAMS
              + " params, "
              + Batch.MAX_TAGS
              + " tags and "
              + Batch.MAX_ENTRIES
              + " entries in all.");
    }
    Run run = runs.requireActive(workspaceId, MlflowError.require(runId, "run_id"));
    Map<String, String> newTags = checkedTags(tagPairs);
    Map<String, String> newParams = Batch.params(entries(paramPairs));
    List<Batch.Metric> series = new ArrayList<>(points.size());
    Map<String, List<MetricJson>> linked = new LinkedHashMap<>();
    for (MetricJson m : points) {
      Batch.Metric point = point(m);
      if (m.modelId() == null || m.modelId().isEmpty()) {
        series.add(point);
        continue;
      }
      linked.computeIfAbsent(m.modelId(), id -> new ArrayList<>()).add(m);
      if (!alreadyLogged(run, point)) {
        series.add(point);
      }
    }
    metrics.logBatch(run, new Batch(series, newParams, Map.of()), idempotencyKey);
    applyTags(workspaceId, run, newTags);
    linked.forEach(
        (modelId, linkedPoints) -> models.linkMetrics(workspaceId, modelId, run, linkedPoints));
  }

  /** Sets one tag; the tag {@code mlflow.runName} also renames the run, as in MLflow. */
  @Transactional
  void setTag(UUID workspaceId, String runId, String key, String value) {
    Run run = runs.requireActive(workspaceId, MlflowError.require(runId, "run_id"));
    applyTags(workspaceId, run, checkedTags(List.of(new KeyValue(key, value))));
  }

  /** Removes a tag; a tag the run does not have is {@code RESOURCE_DOES_NOT_EXIST}. */
  @Transactional
  void deleteTag(UUID workspaceId, String runId, String key) {
    Run run = runs.requireActive(workspaceId, MlflowError.require(runId, "run_id"));
    if (!tags.delete(run.id(), MlflowError.require(key, "key"))) {
      throw MlflowError.notFound("No tag with name '" + key + "' in run " + run.name() + ".");
    }
  }

  /** Records the datasets and logged models the run used; each once. */
  @Transactional
  void logInputs(
      UUID workspaceId, String runId, List<DatasetInputJson> datasets, List<ModelInputJson> used) {
    Run run = runs.requireActive(workspaceId, MlflowError.require(runId, "run_id"));
    List<DatasetInputJson> checked = datasets == null ? List.of() : datasets;
    checked.forEach(MlflowLogging::checkDataset);
    Map<String, Long> modelIds = new LinkedHashMap<>();
    for (ModelInputJson model : used == null ? List.<ModelInputJson>of() : used) {
      modelIds.put(models.require(workspaceId, model == null ? null : model.modelId()).id(), null);
    }
    inputs.addDatasets(run.id(), checked);
    inputs.addModels(run.id(), "input", modelIds);
  }

  /** Records the logged models the run produced, at their steps. */
  @Transactional
  void logOutputs(UUID workspaceId, String runId, List<ModelOutputJson> produced) {
    Run run = runs.requireActive(workspaceId, MlflowError.require(runId, "run_id"));
    Map<String, Long> modelIds = new LinkedHashMap<>();
    for (ModelOutputJson model : produced == null ? List.<ModelOutputJson>of() : produced) {
      String id = models.require(workspaceId, model == null ? null : model.modelId()).id();
      modelIds.put(id, model.step() == null ? 0L : model.step());
    }
    inputs.addModels(run.id(), "output", modelIds);
  }

  /**
   * MLflow 2's record of a model logged in the run's artifacts: kept, as MLflow keeps it, in the
   * tag {@code mlflow.log-model.history} (a JSON list).
   */
  @Transactional
  void logModel(UUID workspaceId, String runId, String modelJson) {
    Run run = runs.requireActive(workspaceId, MlflowError.require(runId, "run_id"));
    MlflowError.require(modelJson, "model_json");
    String history = tags.of(run.id()).get(LOG_MODEL_HISTORY_TAG);
    String updated =
        history == null || history.isBlank()
            ? "[" + modelJson + "]"
            : history.substring(0, history.lastIndexOf(']')) + ", " + modelJson + "]";
    tags.set(
        run.id(),
        Map.of(
            LOG_MODEL_HISTORY_TAG,
            Keys.requireValue("tag", LOG_MODEL_HISTORY_TAG, updated, Keys.MAX_TAG_VALUE_LENGTH)));
  }

  private void applyTags(UUID workspaceId, Run run, Map<String, String> newTags) {
    tags.set(run.id(), newTags);
    String renamed = newTags.get(MlflowRunViews.RUN_NAME_TAG);
    if (renamed != null && !renamed.isBlank() && renamed.length() <= 256) {
      runs.update(workspaceId, run.name(), renamed, null, null, null);
    }
  }

  /** Whether the run's series of the point's key already holds this very point. */
  private boolean alreadyLogged(Run run, Batch.Metric point) {
    long step = point.step() == null ? 0 : point.step();
    String after = null;
    do {
      Page<MetricPoint> page =
          metrics.history(run, point.key(), new PageRequest(MetricService.MAX_HISTORY_PAGE, after));
      for (MetricPoint p : page.items()) {
        if (p.step() == step
            && Objects.equals(p.timestamp(), point.timestamp())
            && Double.compare(p.value(), point.value()) == 0) {
          return true;
        }
        if (p.step() > step) {
          return false;
        }
      }
      after = page.next() == null ? null : Cursor.decode(page.next());
    } while (after != null);
    return false;
  }

  private static Batch.Metric point(MetricJson m) {
    if (m == null) {
      throw MlflowError.invalid("A metric of the batch is null.");
    }
    MlflowError.require(m.key(), "metrics.key");
    MlflowError.require(m.value(), "metrics.value");
    MlflowError.require(m.timestamp(), "metrics.timestamp");
    return new Batch.Metric(m.key(), m.value(), m.step() == null ? 0L : m.step(), m.timestamp());
  }

  private static Map<String, String> checkedTags(List<KeyValue> pairs) {
    Map<String, String> checked = new LinkedHashMap<>();
    for (KeyValue pair : pairs) {
      if (pair == null) {
        throw MlflowError.invalid("A tag of the batch is null.");
      }
      Keys.requireValid("tag", pair.key());
      checked.put(
          pair.key(),
          Keys.requireValue("tag", pair.key(), pair.value(), Keys.MAX_TAG_VALUE_LENGTH));
    }
    return checked;
  }

  private static List<Map.Entry<String, String>> entries(List<KeyValue> pairs) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(pairs.size());
    for (KeyValue pair : pairs) {
      if (pair == null) {
        throw MlflowError.invalid("A param of the batch is null.");
      }
      entries.add(new AbstractMap.SimpleEntry<>(pair.key(), pair.value()));
    }
    return entries;
  }

  private static void checkDataset(DatasetInputJson input) {
    if (input == null || input.dataset() == null) {
      throw MlflowError.invalid("A dataset input has no dataset.");
    }
    RunMessages.DatasetJson d = input.dataset();
    checkLength(d.name(), "dataset.name", MAX_DATASET_NAME);
    checkLength(d.digest(), "dataset.digest", MAX_DATASET_DIGEST);
    checkLength(d.sourceType(), "dataset.source_type", MAX_DATASET_SOURCE_TYPE);
    MlflowError.require(d.source(), "dataset.source");
    checkedTags(input.tags() == null ? List.of() : input.tags());
  }

  private static void checkLength(String value, String name, int max) {
    MlflowError.require(value, name);
    if (value.length() > max) {
      throw MlflowError.invalid(name + " is at most " + max + " characters.");
    }
  }
}
