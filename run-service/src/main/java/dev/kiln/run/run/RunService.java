package dev.kiln.run.run;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.events.RunCanceled;
import dev.kiln.common.id.Ids;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.JsonMaps;
import dev.kiln.run.experiment.Experiment;
import dev.kiln.run.experiment.ExperimentService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runs: their life (status), description, tags and properties, and their deletion. */
@Service
public class RunService {

  private final RunRepository runs;
  private final TagStore tags;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  RunService(
      RunRepository runs, TagStore tags, JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.runs = runs;
    this.tags = tags;
    this.jdbc = jdbc;
    this.events = events;
  }

  /** Creates a run in {@code experiment}; its name must be new in the workspace. */
  @Transactional
  public Run create(Experiment experiment, NewRun spec, String callerId, String callerName) {
    return create(experiment, spec, null, callerId, callerName);
  }

  /**
   * Creates a submitted command job in {@code experiment}: a run as {@link #create} makes it that
   * also keeps {@code jobJson}, the accepted spec, which marks it as run by the platform.
   */
  @Transactional
  public Run createSubmitted(
      Experiment experiment, NewRun spec, String jobJson, String callerId, String callerName) {
    return create(experiment, spec, Objects.requireNonNull(jobJson), callerId, callerName);
  }

  /**
   * Checks, writing nothing, what {@link #create} would refuse of {@code spec} in the workspace:
   * the name (its form, and that it is free), the parent, tags and properties. Callers that must
   * act elsewhere before creating the run call it first.
   */
  @Transactional(readOnly = true)
  public void checkNew(UUID workspaceId, NewRun spec) {
    requireNew(workspaceId, spec.name() == null ? null : RunNames.requireValid(spec.name()), spec);
  }

  /**
   * What {@link #create} and {@link #checkNew} both refuse: a name in use, a parent that does not
   * exist, bad tags or properties. Answers the parent's id.
   */
  private UUID requireNew(UUID workspaceId, String name, NewRun spec) {
    if (name != null && runs.findByWorkspaceIdAndName(workspaceId, name).isPresent()) {
      throw new ConflictException("job_exists", "Job '" + name + "' already exists.");
    }
    UUID parentId = spec.parent() == null ? null : require(workspaceId, spec.parent()).id();
    validate(spec.tags(), spec.properties());
    return parentId;
  }

  private Run create(
      Experiment experiment, NewRun spec, String jobJson, String callerId, String callerName) {
    String name = spec.name() == null ? RunNames.generate() : RunNames.requireValid(spec.name());
    UUID workspaceId = experiment.workspaceId();
    if (experiment.deleted()) {
      throw ExperimentService.deletedRefusal(experiment);
    }
    UUID parentId = requireNew(workspaceId, name, spec);
    Instant now = Instant.now();
    Run run =
        new Run(
            Ids.newId(), workspaceId, experiment.id(), name, parentId, callerId, callerName, now);
    run.describe(spec.displayName(), spec.description(), now);
    run.setProperties(JsonMaps.write(new LinkedHashMap<>(spec.properties())), now);
    run.setSnapshot(spec.snapshotId());
    run.setJob(jobJson);
    RunStatus first = spec.status() == null ? RunStatus.NOT_STARTED : spec.status();
    if (first != RunStatus.NOT_STARTED) {
      run.moveTo(first, spec.startTime() == null ? now : spec.startTime(), null, null);
    }
    try {
      runs.saveAndFlush(run);
    } catch (DataIntegrityViolationException e) {
      throw new ConflictException("job_exists", "Job '" + name + "' already exists.");
    }
    tags.set(run.id(), spec.tags());
    return run;
  }

  /** The run named {@code name} in the workspace, deleted (softly) or not. */
  @Transactional(readOnly = true)
  public Run require(UUID workspaceId, String name) {
    return runs.findByWorkspaceIdAndName(workspaceId, name).orElseThrow(() -> notFound(name));
  }

  /** The run named {@code name}, refused when it is deleted: such a run takes no new data. */
  @Transactional(readOnly = true)
  public Run requireActive(UUID workspaceId, String name) {
    Run run = require(workspaceId, name);
    if (run.deleted()) {
      throw new InvalidRequestException(
          "job_deleted", "Job '" + name + "' is deleted; restore it before logging to it.");
    }
    return run;
  }

  @Transactional(readOnly = true)
  public Run byId(UUID id) {
    return runs.findById(id).orElseThrow(() -> notFound(id.toString()));
  }

  @Transactional(readOnly = true)
  public List<Run> byIds(List<UUID> ids) {
    Map<UUID, Run> found = new LinkedHashMap<>();
    runs.findAllById(ids).forEach(r -> found.put(r.id(), r));
    return ids.stream().map(found::get).filter(r -> r != null).toList();
  }

  /** Runs of the workspace, newest first, optionally of one experiment or status. */
  @Transactional(readOnly = true)
  public Page<Run> list(
      UUID workspaceId, UUID experimentId, RunStatus status, boolean deleted, PageRequest page) {
    StringBuilder sql =
        new StringBuilder(
            "select id, created_at from run where workspace_id = ? and lifecycle = ?");
    List<Object> args = new ArrayList<>(List.of(workspaceId, deleted ? "deleted" : "active"));
    if (experimentId != null) {
      sql.append(" and experiment_id = ?");
      args.add(experimentId);
    }
    if (status != null) {
      sql.append(" and status = ?");
      args.add(status.name());
    }
    if (page.after() != null) {
      String[] key = page.after().split("\\|", 2);
      try {
        args.add(Timestamp.from(Instant.parse(key[0])));
        args.add(UUID.fromString(key[1]));
      } catch (RuntimeException e) {
        throw new InvalidRequestException("invalid_cursor", "The cursor is not one Kiln gave.");
      }
      sql.append(" and (created_at, id) < (?, ?)");
    }
    sql.append(" order by created_at desc, id desc limit ").append(page.fetchSize());
    List<UUID> ids =
        jdbc.query(sql.toString(), (rs, i) -> rs.getObject(1, UUID.class), args.toArray());
    return Page.fromOverfetched(byIds(ids), page, r -> r.createdAt().toString() + "|" + r.id());
  }

  /** Children of a run, oldest first. */
  @Transactional(readOnly = true)
  public List<Run> children(UUID runId) {
    return runs.findByParentId(runId).stream()
        .sorted(java.util.Comparator.comparing(Run::createdAt))
        .toList();
  }

  /**
   * Changes what is given: display name, description, properties (merged: a {@code null} value
   * removes a key) and tags (set).
   */
  @Transactional
  public Run update(
      UUID workspaceId,
      String name,
      String displayName,
      String description,
      Map<String, String> properties,
      Map<String, String> newTags) {
    Run run = require(workspaceId, name);
    Instant now = Instant.now();
    validate(newTags == null ? Map.of() : newTags, Map.of());
    run.describe(displayName, description, now);
    if (properties != null) {
      Map<String, String> merged = JsonMaps.read(run.propertiesJson());
      properties.forEach(
          (k, v) -> {
            if (v == null) {
              merged.remove(k);
            } else {
              merged.put(k, v);
            }
          });
      validate(Map.of(), merged);
      run.setProperties(JsonMaps.write(merged), now);
    }
    if (newTags != null) {
      tags.set(run.id(), newTags);
    }
    return run;
  }

  /**
   * Moves the run to {@code next}. The same status again changes nothing; a move the status machine
   * does not allow is a 409 {@code illegal_transition}. A submitted job's status belongs to
   * compute-service: anyone else gets 409 {@code status_managed_by_execution}, except that {@code
   * Canceled} cancels it (and stops its workload).
   *
   * @param endTime when the run ended, as an MLflow client says, or {@code null}
   */
  @Transactional
  public Run transition(
      UUID workspaceId,
      String name,
      RunStatus next,
      String errorCode,
      String errorMessage,
      Instant endTime) {
    Run run = require(workspaceId, name);
    if (run.status() == next) {
      return run;
    }
    if (run.submitted() && !CurrentIdentity.get().system()) {
      // compute-service moves a submitted job with its execution; anyone else would leave the
      // workload running under a status that says otherwise.
      if (next == RunStatus.CANCELED) {
        return cancel(workspaceId, name);
      }
      throw new ConflictException(
          "status_managed_by_execution",
          "Job '"
              + name
              + "' runs on a compute target, which sets its status; cancel it with POST"
              + " .../jobs/"
              + name
              + "/cancel instead.");
    }
    if (!run.status().canMoveTo(next)) {
      throw new ConflictException(
          "illegal_transition",
          "Job '"
              + name
              + "' is "
              + run.status().label()
              + " and cannot become "
              + next.label()
              + ".");
    }
    Instant at = next.terminal() && endTime != null ? endTime : Instant.now();
    run.moveTo(next, at, errorCode, errorMessage);
    return run;
  }

  /**
   * Cancels the run; a run that already ended stays as it is. Canceling a submitted command job
   * also publishes {@link RunCanceled}, in this transaction, so that compute-service stops it.
   */
  @Transactional
  public Run cancel(UUID workspaceId, String name) {
    Run run = require(workspaceId, name);
    if (!run.status().terminal()) {
      run.moveTo(RunStatus.CANCELED, Instant.now(), "canceled", "Canceled by request.");
      if (run.submitted()) {
        events.publishEvent(RunCanceled.of(run.workspaceId(), run.id(), run.name()));
      }
    }
    return run;
  }

  /** MLflow's delete and restore: the run is hidden, not gone. */
  @Transactional
  public Run setDeleted(UUID workspaceId, String name, boolean deleted) {
    Run run = require(workspaceId, name);
    run.setDeleted(deleted, Instant.now());
    return run;
  }

  /**
   * Deletes the run and its children for good, with their objects (after commit). Submitted jobs
   * among them that have not ended are canceled first ({@link RunCanceled}), so that
   * compute-service stops their workloads.
   */
  @Transactional
  public void delete(UUID workspaceId, String name) {
    Run run = require(workspaceId, name);
    List<UUID> ids = new ArrayList<>();
    jdbc.query(
        "with recursive tree(id) as (select ?::uuid union all"
            + " select r.id from run r join tree t on r.parent_id = t.id)"
            + " select r.id, r.name, r.job is not null and r.status not in (?, ?, ?)"
            + " from tree join run r using (id)",
        rs -> {
          UUID id = rs.getObject(1, UUID.class);
          ids.add(id);
          if (rs.getBoolean(3)) {
            events.publishEvent(RunCanceled.of(workspaceId, id, rs.getString(2)));
          }
        },
        run.id(),
        RunStatus.COMPLETED.name(),
        RunStatus.FAILED.name(),
        RunStatus.CANCELED.name());
    jdbc.update("delete from run where id = ?", run.id());
    events.publishEvent(new RunsDeleted(ids));
  }

  private static void validate(Map<String, String> tags, Map<String, String> properties) {
    if (tags.size() > 1000 || properties.size() > 1000) {
      throw new InvalidRequestException(
          "too_many_entries", "A job takes at most 1,000 tags and 1,000 properties.");
    }
    tags.forEach(
        (k, v) -> {
          Keys.requireValid("tag", k);
          Keys.requireValue("tag", k, v, Keys.MAX_TAG_VALUE_LENGTH);
        });
    properties.forEach(
        (k, v) -> {
          Keys.requireValid("property", k);
          Keys.requireValue("property", k, v, Keys.MAX_TAG_VALUE_LENGTH);
        });
  }

  static NotFoundException notFound(String name) {
    return new NotFoundException("job_not_found", "Job '" + name + "' not found.");
  }
}
