package dev.kiln.run.mlflow;

import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.JsonMaps;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.run.Keys;
import dev.kiln.run.search.ViewType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** MLflow's experiment operations over Kiln's experiments. */
@Service
class MlflowExperiments {

  /** MLflow's limit on an experiment tag's value. */
  static final int MAX_TAG_VALUE_LENGTH = 5000;

  private static final Set<String> FILTER_ATTRIBUTES =
      Set.of("name", "creation_time", "last_update_time");
  private static final Set<String> FILTER_ENTITIES = Set.of("tags", "tag");

  private final ExperimentService experiments;

  MlflowExperiments(ExperimentService experiments) {
    this.experiments = experiments;
  }

  /**
   * Creates experiment {@code name} with {@code tags}; a name in use is {@code
   * RESOURCE_ALREADY_EXISTS}. Kiln keeps every experiment's artifacts itself, so an {@code
   * artifact_location} is refused rather than silently ignored. Not one transaction: the check for
   * the name's existence fails inside one, which would doom it.
   */
  Experiment create(
      UUID workspaceId, String name, String artifactLocation, Map<String, String> tags, String by) {
    MlflowError.require(name, "name");
    if (artifactLocation != null && !artifactLocation.isBlank()) {
      throw MlflowError.invalid(
          "Kiln stores the artifacts of every experiment itself; leave artifact_location empty.");
    }
    tags.forEach(MlflowExperiments::checkTag);
    if (Experiment.DEFAULT_NAME.equals(name) || exists(workspaceId, name)) {
      throw MlflowError.exists("Experiment '" + name + "' already exists.");
    }
    return experiments.put(workspaceId, name, null, tags.isEmpty() ? null : tags, by);
  }

  /** The experiment of MLflow id {@code id}; {@code "0"} is the workspace's Default. */
  @Transactional
  Experiment byId(UUID workspaceId, String id, String caller) {
    return experiments.byMlflowId(workspaceId, MlflowError.require(id, "experiment_id"), caller);
  }

  /** The experiment named {@code name}, deleted or not; Default always exists. */
  @Transactional
  Experiment byName(UUID workspaceId, String name, String caller) {
    MlflowError.require(name, "experiment_name");
    return Experiment.DEFAULT_NAME.equals(name)
        ? experiments.getOrCreate(workspaceId, name, caller)
        : experiments.byName(workspaceId, name);
  }

  /**
   * The Kiln ids of the experiments of these MLflow ids; an id the workspace does not have is left
   * out, as MLflow searches match nothing in it. Outside a transaction, like {@link #create}.
   */
  List<UUID> idsOf(UUID workspaceId, List<String> ids, String caller) {
    List<UUID> found = new ArrayList<>();
    for (String id : ids == null ? List.<String>of() : ids) {
      try {
        found.add(byId(workspaceId, id, caller).id());
      } catch (NotFoundException e) {
        // an unknown experiment adds nothing
      }
    }
    return found;
  }

  @Transactional
  void rename(UUID workspaceId, String id, String newName, String caller) {
    MlflowError.require(newName, "new_name");
    experiments.rename(workspaceId, byId(workspaceId, id, caller).id(), newName);
  }

  @Transactional
  void setDeleted(UUID workspaceId, String id, boolean deleted, String caller) {
    experiments.setDeleted(workspaceId, byId(workspaceId, id, caller).id(), deleted);
  }

  @Transactional
  void setTag(UUID workspaceId, String id, String key, String value, String caller) {
    MlflowError.require(key, "key");
    checkTag(key, MlflowError.require(value, "value"));
    experiments.setTag(workspaceId, byId(workspaceId, id, caller).id(), key, value);
  }

  /** Removes a tag; a tag the experiment does not have is {@code RESOURCE_DOES_NOT_EXIST}. */
  @Transactional
  void deleteTag(UUID workspaceId, String id, String key, String caller) {
    MlflowError.require(key, "key");
    Experiment experiment = byId(workspaceId, id, caller);
    if (!JsonMaps.read(experiment.tagsJson()).containsKey(key)) {
      throw MlflowError.notFound(
          "No tag with name '" + key + "' in experiment " + experiment.mlflowId() + ".");
    }
    experiments.setTag(workspaceId, experiment.id(), key, null);
  }

  /**
   * The experiments that pass {@code filter} (on {@code name}, the times and tags) in the view,
   * sorted by {@code orderBy} (by default newest first, as MLflow). A workspace has few enough
   * experiments to filter them in memory.
   */
  @Transactional
  List<Experiment> search(
      UUID workspaceId, String filter, List<String> orderBy, String viewType, String caller) {
    ViewType view = ViewType.parse(viewType);
    List<SimpleFilter.Condition> conditions =
        SimpleFilter.parse(filter, FILTER_ATTRIBUTES, FILTER_ENTITIES);
    Comparator<Experiment> order = order(orderBy);
    experiments.getOrCreate(workspaceId, Experiment.DEFAULT_NAME, caller);
    List<Experiment> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<Experiment> page =
          experiments.list(
              workspaceId,
              PageRequest.of(PageRequest.MAX_LIMIT, cursor),
              view != ViewType.ACTIVE_ONLY);
      all.addAll(page.items());
      cursor = page.next();
    } while (cursor != null);
    return all.stream()
        .filter(e -> view != ViewType.DELETED_ONLY || e.deleted())
        .filter(e -> conditions.stream().allMatch(c -> passes(e, c)))
        .sorted(order)
        .toList();
  }

  private boolean exists(UUID workspaceId, String name) {
    try {
      experiments.byName(workspaceId, name);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static boolean passes(Experiment e, SimpleFilter.Condition c) {
    if (c.entity() != null) {
      return c.matches(JsonMaps.read(e.tagsJson()).get(c.key()));
    }
    return switch (c.key()) {
      case "name" -> c.matches(e.name());
      case "creation_time" -> c.matches(e.createdAt().toEpochMilli());
      default -> c.matches(e.updatedAt().toEpochMilli());
    };
  }

  private static Comparator<Experiment> order(List<String> orderBy) {
    Comparator<Experiment> order = null;
    for (String clause : orderBy == null ? List.<String>of() : orderBy) {
      String[] words = clause.trim().split("\\s+");
      if (words.length > 2
          || (words.length == 2 && !words[1].matches("(?i)ASC|DESC"))
          || words[0].isEmpty()) {
        throw MlflowError.invalid("Invalid order_by clause '" + clause + "'.");
      }
      Comparator<Experiment> key =
          switch (words[0].toLowerCase(Locale.ROOT).replaceFirst("^attributes?\\.", "")) {
            case "name" -> Comparator.comparing(Experiment::name);
            case "creation_time" -> Comparator.comparing(Experiment::createdAt);
            case "last_update_time" -> Comparator.comparing(Experiment::updatedAt);
            case "experiment_id" -> Comparator.comparing(Experiment::mlflowId);
            default ->
                throw MlflowError.invalid(
                    "Invalid order_by clause '"
                        + clause
                        + "': experiments sort by name, creation_time, last_update_time or"
                        + " experiment_id.");
          };
      if (words.length == 2 && words[1].equalsIgnoreCase("DESC")) {
        key = key.reversed();
      }
      order = order == null ? key : order.thenComparing(key);
    }
    Comparator<Experiment> fallback =
        Comparator.comparing(Experiment::createdAt).reversed().thenComparing(Experiment::mlflowId);
    return order == null ? fallback : order.thenComparing(fallback);
  }

  private static void checkTag(String key, String value) {
    Keys.requireValid("tag", key);
    Keys.requireValue("tag", key, value, MAX_TAG_VALUE_LENGTH);
  }
}
