package dev.kiln.run.mlflow;

import dev.kiln.common.id.Ids;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.mlflow.RunMessages.MetricJson;
import dev.kiln.run.run.Keys;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * MLflow 3's logged models: created by {@code log_model} before it uploads the files, finalized
 * when they are all there, found again ({@link LoggedModelSearch}) by name and source run when a
 * {@code runs:/} URI is loaded. A model's files are served by the artifacts proxy at {@code
 * {experiment}/models/{id}/artifacts}.
 */
@Service
class LoggedModels {

  static final Pattern ID = Pattern.compile("m-[0-9a-f]{32}");

  private static final List<String> STATUSES =
      List.of(LoggedModel.PENDING, LoggedModel.READY, LoggedModel.UPLOAD_FAILED);
  private static final int MAX_NAME_LENGTH = 256;

  private final LoggedModelStore store;
  private final MlflowExperiments experiments;
  private final RunService runs;

  LoggedModels(LoggedModelStore store, MlflowExperiments experiments, RunService runs) {
    this.store = store;
    this.experiments = experiments;
    this.runs = runs;
  }

  /** Where MLflow finds the model's files, through the artifacts proxy. */
  static String artifactUri(String experimentId, String modelId) {
    return "mlflow-artifacts:/" + experimentId + "/models/" + modelId + "/artifacts";
  }

  /**
   * Creates a pending model in the experiment, from the run {@code sourceRunId} if given (a run of
   * the workspace that is not deleted), named {@code name} or a generated name.
   */
  @Transactional
  LoggedModel create(
      UUID workspaceId,
      String experimentId,
      String name,
      String modelType,
      String sourceRunId,
      Map<String, String> params,
      Map<String, String> tags,
      String caller) {
    Experiment experiment = experiments.byId(workspaceId, experimentId, caller);
    if (experiment.deleted()) {
      throw MlflowError.invalid(
          "Experiment " + experiment.mlflowId() + " is deleted; restore it to add models.");
    }
    if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
      throw MlflowError.invalid("A model name is 1 to " + MAX_NAME_LENGTH + " characters.");
    }
    if (modelType != null && modelType.length() > MAX_NAME_LENGTH) {
      throw MlflowError.invalid("A model_type is at most " + MAX_NAME_LENGTH + " characters.");
    }
    checkParams(params);
    checkTags(tags);
    UUID sourceRun =
        sourceRunId == null || sourceRunId.isEmpty()
            ? null
            : runs.requireActive(workspaceId, sourceRunId).id();
    String id = "m-" + Ids.newId().toString().replace("-", "");
    Instant now = Instant.now();
    LoggedModel model =
        new LoggedModel(
            id,
            workspaceId,
            experiment.id(),
            name == null ? "model-" + id.substring(id.length() - 8) : name,
            modelType,
            sourceRun,
            LoggedModel.PENDING,
            null,
            false,
            caller,
            now,
            now);
    store.insert(model);
    store.addParams(id, params);
    store.setTags(id, tags);
    return model;
  }

  /** The model of the workspace with MLflow id {@code id}, deleted or not. */
  @Transactional(readOnly = true)
  LoggedModel require(UUID workspaceId, String id) {
    MlflowError.require(id, "model_id");
    return store
        .find(workspaceId, id)
        .orElseThrow(() -> MlflowError.notFound("Logged model '" + id + "' not found."));
  }

  /** The model, refused when deleted: such a model takes no changes. */
  @Transactional(readOnly = true)
  LoggedModel requireActive(UUID workspaceId, String id) {
    LoggedModel model = require(workspaceId, id);
    if (model.deleted()) {
      throw MlflowError.invalid("Logged model '" + id + "' is deleted.");
    }
    return model;
  }

  /** Sets the model's status, {@code LOGGED_MODEL_READY} once its files are uploaded. */
  @Transactional
  LoggedModel finalizeModel(UUID workspaceId, String id, String status) {
    LoggedModel model = requireActive(workspaceId, id);
    if (status == null || !STATUSES.contains(status)) {
      throw MlflowError.invalid("A logged model's status is one of " + STATUSES + ".");
    }
    store.setStatus(model.id(), status, Instant.now());
    return require(workspaceId, id);
  }

  @Transactional
  void setTags(UUID workspaceId, String id, Map<String, String> tags) {
    LoggedModel model = requireActive(workspaceId, id);
    checkTags(tags);
    store.setTags(model.id(), tags);
    store.touch(model.id(), Instant.now());
  }

  @Transactional
  void deleteTag(UUID workspaceId, String id, String key) {
    LoggedModel model = requireActive(workspaceId, id);
    if (!store.deleteTag(model.id(), key)) {
      throw MlflowError.notFound("No tag with key '" + key + "' on logged model '" + id + "'.");
    }
    store.touch(model.id(), Instant.now());
  }

  /** Logs params, written once each like a run's: another value for a key is refused. */
  @Transactional
  void logParams(UUID workspaceId, String id, Map<String, String> params) {
    LoggedModel model = requireActive(workspaceId, id);
    checkParams(params);
    Map<String, String> existing = store.params(List.of(model.id())).getOrDefault(id, Map.of());
    params.forEach(
        (k, v) -> {
          if (existing.containsKey(k) && !existing.get(k).equals(v)) {
            throw MlflowError.invalid(
                "Param '" + k + "' of logged model '" + id + "' already holds another value.");
          }
        });
    store.addParams(model.id(), params);
    store.touch(model.id(), Instant.now());
  }

  /** Deletes the model softly, as MLflow does: it is hidden from searches, its files stay. */
  @Transactional
  void delete(UUID workspaceId, String id) {
    store.setDeleted(require(workspaceId, id).id(), Instant.now());
  }

  /** Links metric points logged by {@code run} with this model's id to the model. */
  @Transactional
  void linkMetrics(UUID workspaceId, String id, Run run, List<MetricJson> points) {
    LoggedModel model = requireActive(workspaceId, id);
    store.addMetrics(model.id(), run.name(), points);
  }

  private static void checkParams(Map<String, String> params) {
    params.forEach(
        (k, v) -> {
          Keys.requireValid("param", k);
          Keys.requireValue("param", k, v, Keys.MAX_PARAM_VALUE_LENGTH);
        });
  }

  private static void checkTags(Map<String, String> tags) {
    tags.forEach(
        (k, v) -> {
          Keys.requireValid("tag", k);
          Keys.requireValue("tag", k, v, Keys.MAX_TAG_VALUE_LENGTH);
        });
  }

  /** Params sent as a list, checked for a key given twice with different values. */
  static Map<String, String> paramsOf(List<KeyValue> pairs) {
    Map<String, String> params = new LinkedHashMap<>();
    for (KeyValue pair : pairs == null ? List.<KeyValue>of() : pairs) {
      if (pair == null) {
        throw MlflowError.invalid("A param in the list is null.");
      }
      String before = params.putIfAbsent(pair.key(), pair.value());
      if (before != null && !before.equals(pair.value())) {
        throw MlflowError.invalid(
            "Param '" + pair.key() + "' is given twice with different values.");
      }
    }
    return params;
  }
}
