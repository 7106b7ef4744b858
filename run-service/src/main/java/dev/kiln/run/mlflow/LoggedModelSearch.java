package dev.kiln.run.mlflow;

import dev.kiln.run.mlflow.LoggedModelMessages.OrderBy;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Finds logged models as MLflow's {@code search_logged_models} does; the client relies on it to
 * resolve {@code runs:/{run_id}/{name}} to the model {@code name} the run logged. An experiment
 * holds few enough models to filter them in memory.
 */
@Service
class LoggedModelSearch {

  private static final Set<String> FILTER_ATTRIBUTES =
      Set.of(
          "name",
          "model_id",
          "model_type",
          "status",
          "source_run_id",
          "creation_timestamp",
          "creation_time",
          "last_updated_timestamp");
  private static final Set<String> FILTER_ENTITIES = Set.of("tags", "tag", "params", "param");

  private final LoggedModelStore store;
  private final MlflowExperiments experiments;
  private final LoggedModelViews views;

  LoggedModelSearch(LoggedModelStore store, MlflowExperiments experiments, LoggedModelViews views) {
    this.store = store;
    this.experiments = experiments;
    this.views = views;
  }

  /**
   * The active models of the experiments that pass {@code filter} (name, ids, status, type, times,
   * tags and params), in {@code orderBy}'s order, newest first by default. Unknown experiment ids
   * have no models. Not one transaction, as looking up an unknown experiment fails.
   */
  List<LoggedModel> search(
      UUID workspaceId,
      List<String> experimentIds,
      String filter,
      List<OrderBy> orderBy,
      String caller) {
    if (experimentIds == null || experimentIds.isEmpty()) {
      throw MlflowError.invalid("Searching logged models needs at least one experiment_id.");
    }
    List<SimpleFilter.Condition> conditions =
        SimpleFilter.parse(filter, FILTER_ATTRIBUTES, FILTER_ENTITIES);
    Comparator<LoggedModel> order = order(orderBy);
    List<UUID> ids = experiments.idsOf(workspaceId, experimentIds, caller);
    List<LoggedModel> found = store.ofExperiments(ids, false);
    Map<String, Map<String, String>> tags =
        store.tags(found.stream().map(LoggedModel::id).toList());
    Map<String, Map<String, String>> params =
        store.params(found.stream().map(LoggedModel::id).toList());
    Map<UUID, String> runNames = views.runNames(found);
    return found.stream()
        .filter(
            m ->
                conditions.stream()
                    .allMatch(
                        c ->
                            passes(
                                m,
                                c,
                                tags.getOrDefault(m.id(), Map.of()),
                                params.getOrDefault(m.id(), Map.of()),
                                runNames)))
        .sorted(order)
        .toList();
  }

  private static boolean passes(
      LoggedModel m,
      SimpleFilter.Condition c,
      Map<String, String> tags,
      Map<String, String> params,
      Map<UUID, String> runNames) {
    if (c.entity() != null) {
      return c.matches(c.entity().startsWith("tag") ? tags.get(c.key()) : params.get(c.key()));
    }
    return switch (c.key()) {
      case "name" -> c.matches(m.name());
      case "model_id" -> c.matches(m.id());
      case "model_type" -> c.matches(m.modelType() == null ? "" : m.modelType());
      case "status" -> c.matches(m.status());
      case "source_run_id" ->
          c.matches(m.sourceRunId() == null ? null : runNames.get(m.sourceRunId()));
      case "last_updated_timestamp" -> c.matches(m.updatedAt().toEpochMilli());
      default -> c.matches(m.createdAt().toEpochMilli());
    };
  }

  private static Comparator<LoggedModel> order(List<OrderBy> orderBy) {
    Comparator<LoggedModel> order = null;
    for (OrderBy clause : orderBy == null ? List.<OrderBy>of() : orderBy) {
      if (clause == null || clause.fieldName() == null) {
        throw MlflowError.invalid("An order_by entry needs a field_name.");
      }
      Comparator<LoggedModel> key =
          switch (clause.fieldName().toLowerCase(Locale.ROOT)) {
            case "name" -> Comparator.comparing(LoggedModel::name);
            case "model_id" -> Comparator.comparing(LoggedModel::id);
            case "creation_timestamp", "creation_time" ->
                Comparator.comparing(LoggedModel::createdAt);
            case "last_updated_timestamp" -> Comparator.comparing(LoggedModel::updatedAt);
            default ->
                throw MlflowError.invalid(
                    "Logged models sort by name, model_id, creation_timestamp or"
                        + " last_updated_timestamp, not '"
                        + clause.fieldName()
                        + "'.");
          };
      if (Boolean.FALSE.equals(clause.ascending())) {
        key = key.reversed();
      }
      order = order == null ? key : order.thenComparing(key);
    }
    Comparator<LoggedModel> fallback =
        Comparator.comparing(LoggedModel::createdAt).reversed().thenComparing(LoggedModel::id);
    return order == null ? fallback : order.thenComparing(fallback);
  }
}
