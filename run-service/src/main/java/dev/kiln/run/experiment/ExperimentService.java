package dev.kiln.run.experiment;

import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.id.Ids;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.JsonMaps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Experiments of a workspace: created on first use by name, deleted softly. */
@Service
public class ExperimentService {

  static final int MAX_NAME_LENGTH = 256;

  private final ExperimentRepository experiments;
  private final JdbcTemplate jdbc;

  ExperimentService(ExperimentRepository experiments, JdbcTemplate jdbc) {
    this.experiments = experiments;
    this.jdbc = jdbc;
  }

  /** The experiment named {@code name}, created now if there is none (also by racing callers). */
  @Transactional
  public Experiment getOrCreate(UUID workspaceId, String name, String createdBy) {
    String checked = requireValidName(name);
    return experiments
        .findByWorkspaceIdAndName(workspaceId, checked)
        .orElseGet(
            () -> {
              Instant now = Instant.now();
              jdbc.update(
                  "insert into experiment (id, workspace_id, name, lifecycle, tags, created_by,"
                      + " created_at, updated_at) values (?, ?, ?, 'active', '{}', ?, ?, ?)"
                      + " on conflict (workspace_id, name) do nothing",
                  Ids.newId(),
                  workspaceId,
                  checked,
                  createdBy,
                  java.sql.Timestamp.from(now),
                  java.sql.Timestamp.from(now));
              return experiments.findByWorkspaceIdAndName(workspaceId, checked).orElseThrow();
            });
  }

  /**
   * Refuses adding runs to a deleted experiment named {@code name}; a name no experiment has yet is
   * fine (the first run makes it).
   */
  @Transactional(readOnly = true)
  public void requireOpen(UUID workspaceId, String name) {
    experiments
        .findByWorkspaceIdAndName(workspaceId, name)
        .filter(Experiment::deleted)
        .ifPresent(
            deleted -> {
              throw deletedRefusal(deleted);
            });
  }

  /** 400 {@code experiment_deleted}: a deleted experiment takes no new runs. */
  public static InvalidRequestException deletedRefusal(Experiment experiment) {
    return new InvalidRequestException(
        "experiment_deleted",
        "Experiment '" + experiment.name() + "' is deleted; restore it to add runs.");
  }

  /** The experiment named {@code name}, deleted or not. */
  @Transactional(readOnly = true)
  public Experiment byName(UUID workspaceId, String name) {
    return experiments
        .findByWorkspaceIdAndName(workspaceId, name)
        .orElseThrow(() -> notFound(name));
  }

  /** The experiment of MLflow id {@code mlflowId}: {@code "0"} is the default experiment. */
  @Transactional
  public Experiment byMlflowId(UUID workspaceId, String mlflowId, String caller) {
    if ("0".equals(mlflowId)) {
      return getOrCreate(workspaceId, Experiment.DEFAULT_NAME, caller);
    }
    UUID id;
    try {
      id = UUID.fromString(mlflowId);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw notFound(mlflowId);
    }
    return experiments
        .findByWorkspaceIdAndId(workspaceId, id)
        .orElseThrow(() -> notFound(mlflowId));
  }

  @Transactional(readOnly = true)
  public Experiment byId(UUID id) {
    return experiments.findById(id).orElseThrow(() -> notFound(id.toString()));
  }

  /** Experiments by name, deleted ones only when asked for. */
  @Transactional(readOnly = true)
  public Page<Experiment> list(UUID workspaceId, PageRequest page, boolean includeDeleted) {
    String after = page.after() == null ? "" : page.after();
    var rows = experiments.page(workspaceId, after, includeDeleted, Limit.of(page.fetchSize()));
    return Page.fromOverfetched(rows, page, Experiment::name);
  }

  /** Creates or updates the experiment: a description or tags given replace the old ones. */
  @Transactional
  public Experiment put(
      UUID workspaceId, String name, String description, Map<String, String> tags, String caller) {
    Experiment experiment = getOrCreate(workspaceId, name, caller);
    Instant now = Instant.now();
    if (description != null) {
      experiment.describe(description, now);
    }
    if (tags != null) {
      experiment.tag(JsonMaps.write(new LinkedHashMap<>(tags)), now);
    }
    return experiment;
  }

  @Transactional
  public Experiment setTag(UUID workspaceId, UUID id, String key, String value) {
    Experiment experiment = require(workspaceId, id);
    Map<String, String> tags = JsonMaps.read(experiment.tagsJson());
    if (value == null) {
      tags.remove(key);
    } else {
      tags.put(key, value);
    }
    experiment.tag(JsonMaps.write(tags), Instant.now());
    return experiment;
  }

  @Transactional
  public Experiment rename(UUID workspaceId, UUID id, String newName) {
    Experiment experiment = require(workspaceId, id);
    String checked = requireValidName(newName);
    if (Experiment.DEFAULT_NAME.equals(experiment.name())) {
      throw new InvalidRequestException(
          "default_experiment", "The default experiment cannot be renamed.");
    }
    if (experiments.findByWorkspaceIdAndName(workspaceId, checked).isPresent()) {
      throw new ConflictException(
          "experiment_exists", "Experiment '" + checked + "' already exists.");
    }
    experiment.rename(checked, Instant.now());
    return experiment;
  }

  /** Deletes (softly) or restores the experiment. */
  @Transactional
  public Experiment setDeleted(UUID workspaceId, UUID id, boolean deleted) {
    Experiment experiment = require(workspaceId, id);
    if (deleted && Experiment.DEFAULT_NAME.equals(experiment.name())) {
      throw new InvalidRequestException(
          "default_experiment", "The default experiment cannot be deleted.");
    }
    experiment.setDeleted(deleted, Instant.now());
    return experiment;
  }

  private Experiment require(UUID workspaceId, UUID id) {
    return experiments
        .findByWorkspaceIdAndId(workspaceId, id)
        .orElseThrow(() -> notFound(id.toString()));
  }

  /**
   * {@code name} if it is a valid experiment name; a 400 {@code invalid_experiment_name} if not.
   */
  public static String requireValidName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new InvalidRequestException(
          "invalid_experiment_name",
          "An experiment name is 1 to " + MAX_NAME_LENGTH + " characters, not blank.");
    }
    if (name.chars().anyMatch(Character::isISOControl) || name.contains("/")) {
      throw new InvalidRequestException(
          "invalid_experiment_name", "An experiment name holds no '/' or control characters.");
    }
    return name;
  }

  static NotFoundException notFound(String name) {
    return new NotFoundException("experiment_not_found", "Experiment '" + name + "' not found.");
  }
}
