package dev.kiln.run.mlflow;

import dev.kiln.run.mlflow.RunMessages.MetricJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The rows of logged models, their params, tags and metrics. Callers hold the transaction. */
@Repository
class LoggedModelStore {

  private static final String COLUMNS =
      "id, workspace_id, experiment_id, name, model_type, source_run_id, status, status_message,"
          + " lifecycle, created_by, created_at, updated_at";

  private final JdbcTemplate jdbc;

  LoggedModelStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(LoggedModel m) {
    jdbc.update(
        "insert into logged_model (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        m.id(),
        m.workspaceId(),
        m.experimentId(),
        m.name(),
        m.modelType(),
        m.sourceRunId(),
        m.status(),
        m.statusMessage(),
        m.deleted() ? "deleted" : "active",
        m.createdBy(),
        Timestamp.from(m.createdAt()),
        Timestamp.from(m.updatedAt()));
  }

  Optional<LoggedModel> find(UUID workspaceId, String id) {
    return jdbc
        .query(
            "select " + COLUMNS + " from logged_model where workspace_id = ? and id = ?",
            LoggedModelStore::read,
            workspaceId,
            id)
        .stream()
        .findFirst();
  }

  /** The models of the experiments, deleted ones only when asked for, newest first. */
  List<LoggedModel> ofExperiments(Collection<UUID> experimentIds, boolean withDeleted) {
    if (experimentIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "select "
            + COLUMNS
            + " from logged_model where experiment_id = any(?)"
            + (withDeleted ? "" : " and lifecycle = 'active'")
            + " order by created_at desc, id",
        LoggedModelStore::read,
        (Object) experimentIds.toArray(UUID[]::new));
  }

  void setStatus(String id, String status, Instant now) {
    jdbc.update(
        "update logged_model set status = ?, updated_at = ? where id = ?",
        status,
        Timestamp.from(now),
        id);
  }

  void setDeleted(String id, Instant now) {
    jdbc.update(
        "update logged_model set lifecycle = 'deleted', updated_at = ? where id = ?",
        Timestamp.from(now),
        id);
  }

  void touch(String id, Instant now) {
    jdbc.update("update logged_model set updated_at = ? where id = ?", Timestamp.from(now), id);
  }

  /** Adds params; keys already present keep their values (the caller checked for conflicts). */
  void addParams(String id, Map<String, String> params) {
    jdbc.batchUpdate(
        "insert into logged_model_param (model_id, key, value) values (?, ?, ?)"
            + " on conflict (model_id, key) do nothing",
        rows(id, params));
  }

  void setTags(String id, Map<String, String> tags) {
    jdbc.batchUpdate(
        "insert into logged_model_tag (model_id, key, value) values (?, ?, ?)"
            + " on conflict (model_id, key) do update set value = excluded.value",
        rows(id, tags));
  }

  boolean deleteTag(String id, String key) {
    return jdbc.update("delete from logged_model_tag where model_id = ? and key = ?", id, key) > 0;
  }

  /** Links metric points to the model; a point linked before is not linked twice. */
  void addMetrics(String id, String runName, List<MetricJson> points) {
    List<Object[]> rows = new ArrayList<>(points.size());
    for (MetricJson p : points) {
      rows.add(
          new Object[] {
            id,
            p.key(),
            p.value(),
            p.step() == null ? 0L : p.step(),
            p.timestamp(),
            runName,
            p.datasetName(),
            p.datasetDigest()
          });
    }
    jdbc.batchUpdate(
        "insert into logged_model_metric (model_id, key, value, step, timestamp, run_name,"
            + " dataset_name, dataset_digest) values (?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (model_id, key, step, timestamp, value) do nothing",
        rows);
  }

  Map<String, Map<String, String>> params(Collection<String> ids) {
    return pairs("logged_model_param", ids);
  }

  Map<String, Map<String, String>> tags(Collection<String> ids) {
    return pairs("logged_model_tag", ids);
  }

  Map<String, List<MetricJson>> metrics(Collection<String> ids) {
    Map<String, List<MetricJson>> metrics = new HashMap<>();
    if (ids.isEmpty()) {
      return metrics;
    }
    jdbc.query(
        "select model_id, key, value, timestamp, step, dataset_name, dataset_digest, run_name"
            + " from logged_model_metric where model_id = any(?) order by model_id, key, step,"
            + " timestamp",
        rs -> {
          String model = rs.getString(1);
          metrics
              .computeIfAbsent(model, m -> new ArrayList<>())
              .add(
                  new MetricJson(
                      rs.getString(2),
                      rs.getDouble(3),
                      rs.getLong(4),
                      rs.getLong(5),
                      rs.getString(6),
                      rs.getString(7),
                      model,
                      rs.getString(8)));
        },
        (Object) ids.toArray(String[]::new));
    return metrics;
  }

  private Map<String, Map<String, String>> pairs(String table, Collection<String> ids) {
    Map<String, Map<String, String>> pairs = new HashMap<>();
    if (ids.isEmpty()) {
      return pairs;
    }
    jdbc.query(
        "select model_id, key, value from " + table + " where model_id = any(?) order by key",
        rs -> {
          pairs
              .computeIfAbsent(rs.getString(1), m -> new LinkedHashMap<>())
              .put(rs.getString(2), rs.getString(3));
        },
        (Object) ids.toArray(String[]::new));
    return pairs;
  }

  private static List<Object[]> rows(String id, Map<String, String> pairs) {
    List<Object[]> rows = new ArrayList<>(pairs.size());
    pairs.forEach((k, v) -> rows.add(new Object[] {id, k, v}));
    return rows;
  }

  private static LoggedModel read(ResultSet rs, int row) throws SQLException {
    return new LoggedModel(
        rs.getString(1),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getString(4),
        rs.getString(5),
        rs.getObject(6, UUID.class),
        rs.getString(7),
        rs.getString(8),
        "deleted".equals(rs.getString(9)),
        rs.getString(10),
        rs.getTimestamp(11).toInstant(),
        rs.getTimestamp(12).toInstant());
  }
}
