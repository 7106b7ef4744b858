package dev.kiln.run.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes runs and their metrics, params and tags straight into the tables, for search tests. */
final class SearchSeeds {

  /** A time in epoch milliseconds that seeded runs count from. */
  static final long BASE = 1_700_000_000_000L;

  private final JdbcTemplate jdbc;
  private final String workspace;

  SearchSeeds(DataSource dataSource, String workspace) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.workspace = workspace;
  }

  JdbcTemplate jdbc() {
    return jdbc;
  }

  UUID workspaceId() {
    return jdbc.queryForObject(
        "select id from known_workspace where name = ?", UUID.class, workspace);
  }

  UUID runId(String name) {
    return jdbc.queryForObject(
        "select id from run where workspace_id = ? and name = ?", UUID.class, workspaceId(), name);
  }

  /**
   * Inserts runs {@code prefix1} to {@code prefixN} into the experiment, created {@code
   * perMillisecond} to a millisecond apart (so that some tie), completed, not started.
   */
  void insertRuns(UUID experimentId, String prefix, int count, int perMillisecond) {
    jdbc.update(
        "insert into run (id, workspace_id, experiment_id, name, status, lifecycle, created_at,"
            + " updated_at, submitted_by, submitted_name)"
            + " select gen_random_uuid(), ?, ?, ? || n, 'COMPLETED', 'active',"
            + " ?::timestamptz + (n / ?) * interval '1 millisecond', now(), 'u-seed', 'seed'"
            + " from generate_series(1, ?) n",
        workspaceId(),
        experimentId,
        prefix,
        at(BASE),
        perMillisecond,
        count);
  }

  void metric(String run, String key, double value) {
    jdbc.update(
        "insert into metric_latest (run_id, key, value, step, timestamp) values (?, ?, ?, 0, 0)",
        runId(run),
        key,
        value);
  }

  void param(String run, String key, String value) {
    jdbc.update(
        "insert into run_param (run_id, key, value) values (?, ?, ?)", runId(run), key, value);
  }

  void tag(String run, String key, String value) {
    jdbc.update(
        "insert into run_tag (run_id, key, value) values (?, ?, ?)", runId(run), key, value);
  }

  /** Sets a run's status, times ({@code null}: none) and submitter. */
  void set(String run, String status, Timestamp created, Timestamp start, Timestamp end) {
    jdbc.update(
        "update run set status = ?, created_at = ?, start_time = ?, end_time = ? where id = ?",
        status,
        created,
        start,
        end,
        runId(run));
  }

  void submitter(String run, String id, String name) {
    jdbc.update(
        "update run set submitted_by = ?, submitted_name = ? where id = ?", id, name, runId(run));
  }

  void delete(String run) {
    jdbc.update("update run set lifecycle = 'deleted' where id = ?", runId(run));
  }

  int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

  static Timestamp at(long epochMillis) {
    return Timestamp.from(Instant.ofEpochMilli(epochMillis));
  }
}
