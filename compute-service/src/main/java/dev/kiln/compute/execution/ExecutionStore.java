package dev.kiln.compute.execution;

import dev.kiln.common.events.SubmittedJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL over {@code execution} and {@code execution_attempt}; callers own the transactions. */
@Component
class ExecutionStore {

  private static final String COLUMNS =
      "run_id, workspace_id, workspace, run_name, compute_id, submitter_id, job, priority, slots,"
          + " state, queued_at, attempt, launched, phase, deadline, cancel_requested, timed_out,"
          + " started_at, ended_at, outcome, error";

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final RowMapper<Execution> executions;
  private final RowMapper<Attempt> attempts;

  ExecutionStore(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.executions = this::execution;
    this.attempts = this::attempt;
  }

  /** Queues a submitted job once; a redelivered submission changes nothing. */
  boolean insert(
      UUID runId,
      UUID workspaceId,
      String workspace,
      String runName,
      UUID computeId,
      UUID submitterId,
      SubmittedJob job) {
    return jdbc.update(
            "insert into execution (run_id, workspace_id, workspace, run_name, compute_id,"
                + " submitter_id, job, priority, slots, state, queued_at, not_before)"
                + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 'queued', now(), now())"
                + " on conflict (run_id) do nothing",
            runId,
            workspaceId,
            workspace,
            runName,
            computeId,
            submitterId,
            json.writeValueAsString(job),
            job.priority(),
            Math.max(1, job.instanceCount()))
        > 0;
  }

  Optional<Execution> find(UUID runId) {
    return jdbc
        .query("select " + COLUMNS + " from execution where run_id = ?", executions, runId)
        .stream()
        .findFirst();
  }

  Optional<Execution> findByName(UUID workspaceId, String runName) {
    return jdbc
        .query(
            "select " + COLUMNS + " from execution where workspace_id = ? and run_name = ?",
            executions,
            workspaceId,
            runName)
        .stream()
        .findFirst();
  }

  /** Locks the execution for this transaction, or answers empty when another holds it. */
  Optional<Execution> lock(UUID runId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from execution where run_id = ? for update skip locked",
            executions,
            runId)
        .stream()
        .findFirst();
  }

  /** Locks the execution for this transaction, waiting for another holder to finish. */
  void lockBlocking(UUID runId) {
    jdbc.queryForList("select run_id from execution where run_id = ? for update", runId);
  }

  /** The next queued executions of a target in dispatch order, locked. */
  List<Execution> lockQueue(UUID computeId, int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from execution where compute_id = ? and state = 'queued' and not_before <= now()"
            + " order by priority desc, queued_at, run_id limit ? for update skip locked",
        executions,
        computeId,
        limit);
  }

  List<UUID> computesWithQueuedWork() {
    return jdbc.queryForList(
        "select distinct compute_id from execution where state = 'queued' and not_before <= now()",
        UUID.class);
  }

  List<UUID> launchedActive() {
    return jdbc.queryForList(
        "select run_id from execution where state = 'active' and launched", UUID.class);
  }

  /** Active executions nobody is preparing: just dispatched, or their preparer died. */
  List<UUID> unprepared() {
    return jdbc.queryForList(
        "select run_id from execution where state = 'active' and not launched"
            + " and (lease_until is null or lease_until < now())",
        UUID.class);
  }

  int busySlots(UUID computeId) {
    Integer busy =
        jdbc.queryForObject(
            "select coalesce(sum(slots), 0) from execution where compute_id = ? and state ="
                + " 'active'",
            Integer.class,
            computeId);
    return busy == null ? 0 : busy;
  }

  int count(UUID computeId, String state) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from execution where compute_id = ? and state = ?",
            Integer.class,
            computeId,
            state);
    return n == null ? 0 : n;
  }

  /** Moves a queued execution onto the target as attempt {@code attempt + 1}. */
  void dispatch(Execution e, String backend, List<String> workloads) {
    int number = e.attempt() + 1;
    jdbc.update(
        "update execution set state = 'active', attempt = ?, launched = false, phase = null,"
            + " lease_until = null, started_at = coalesce(started_at, now()) where run_id = ?",
        number,
        e.runId());
    jdbc.update(
        "insert into execution_attempt (run_id, number, backend, workloads, started_at)"
            + " values (?, ?, ?, ?::jsonb, now())",
        e.runId(),
        number,
        backend,
        json.writeValueAsString(workloads));
  }

  /** Claims the preparation of an execution for {@code seconds}; false when another holds it. */
  boolean claimPreparation(UUID runId, long seconds) {
    return jdbc.update(
            "update execution set lease_until = now() + make_interval(secs => ?)"
                + " where run_id = ? and state = 'active' and not launched"
                + " and (lease_until is null or lease_until < now())",
            (double) seconds,
            runId)
        > 0;
  }

  void markLaunched(UUID runId, Long timeoutSeconds) {
    jdbc.update(
        "update execution set launched = true, lease_until = null, deadline = case when ?::bigint"
            + " is null then null else now() + make_interval(secs => ?::bigint) end"
            + " where run_id = ?",
        timeoutSeconds,
        timeoutSeconds,
        runId);
  }

  Attempt attempt(UUID runId, int number) {
    return jdbc.queryForObject(
        "select number, backend, workloads, started_at, ended_at, exit_code, outcome, error,"
            + " reported_exit, reported_error, reported_input_error from execution_attempt"
            + " where run_id = ? and number = ?",
        attempts,
        runId,
        number);
  }

  List<Attempt> attempts(UUID runId) {
    return jdbc.query(
        "select number, backend, workloads, started_at, ended_at, exit_code, outcome, error,"
            + " reported_exit, reported_error, reported_input_error from execution_attempt"
            + " where run_id = ? order by number",
        attempts,
        runId);
  }

  void heartbeat(UUID runId, String phase) {
    jdbc.update(
        "update execution set last_heartbeat = now(), phase = coalesce(?, phase) where run_id = ?",
        phase,
        runId);
  }

  /** Keeps the runner's final word; a non-zero code of one instance outweighs a zero. */
  void report(UUID runId, int attempt, Integer exitCode, String error, String inputError) {
    jdbc.update(
        "update execution_attempt set reported_exit = case when reported_exit is null or"
            + " reported_exit = 0 then coalesce(?, reported_exit) else reported_exit end,"
            + " reported_error = coalesce(reported_error, ?),"
            + " reported_input_error = coalesce(reported_input_error, ?)"
            + " where run_id = ? and number = ?",
        exitCode,
        error,
        inputError,
        runId,
        attempt);
  }

  /**
   * A deleted workspace's executions: the queued ones end, canceled; the others are asked to stop,
   * which the monitor does.
   */
  void forgetWorkspace(UUID workspaceId) {
    jdbc.update(
        "update execution set cancel_requested = true where workspace_id = ? and state = 'active'",
        workspaceId);
    jdbc.update(
        "update execution set state = 'ended', outcome = 'canceled', error = 'workspace_deleted',"
            + " ended_at = now() where workspace_id = ? and state = 'queued'",
        workspaceId);
  }

  void requestCancel(UUID runId) {
    jdbc.update("update execution set cancel_requested = true where run_id = ?", runId);
  }

  void markTimedOut(UUID runId) {
    jdbc.update("update execution set timed_out = true where run_id = ?", runId);
  }

  void endAttempt(UUID runId, int number, Integer exitCode, String outcome, String error) {
    jdbc.update(
        "update execution_attempt set ended_at = coalesce(ended_at, now()), exit_code = ?,"
            + " outcome = ?, error = ? where run_id = ? and number = ?",
        exitCode,
        outcome,
        error,
        runId,
        number);
  }

  /** Puts an execution back in its queue after an infrastructure failure. */
  void requeue(UUID runId, long delayMillis) {
    jdbc.update(
        "update execution set state = 'queued', launched = false, phase = null, lease_until ="
            + " null, not_before = now() + make_interval(secs => ?) where run_id = ?",
        delayMillis / 1000.0,
        runId);
  }

  void end(UUID runId, String outcome, String error) {
    jdbc.update(
        "update execution set state = 'ended', outcome = ?, error = ?, ended_at = now(),"
            + " lease_until = null where run_id = ?",
        outcome,
        error,
        runId);
  }

  private Execution execution(ResultSet rs, int row) throws SQLException {
    return new Execution(
        rs.getObject("run_id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("workspace"),
        rs.getString("run_name"),
        rs.getObject("compute_id", UUID.class),
        rs.getObject("submitter_id", UUID.class),
        json.readValue(rs.getString("job"), SubmittedJob.class),
        rs.getInt("priority"),
        rs.getInt("slots"),
        rs.getString("state"),
        instant(rs, "queued_at"),
        rs.getInt("attempt"),
        rs.getBoolean("launched"),
        rs.getString("phase"),
        instant(rs, "deadline"),
        rs.getBoolean("cancel_requested"),
        rs.getBoolean("timed_out"),
        instant(rs, "started_at"),
        instant(rs, "ended_at"),
        rs.getString("outcome"),
        rs.getString("error"));
  }

  private Attempt attempt(ResultSet rs, int row) throws SQLException {
    return new Attempt(
        rs.getInt("number"),
        rs.getString("backend"),
        json.readValue(rs.getString("workloads"), new TypeReference<List<String>>() {}),
        instant(rs, "started_at"),
        instant(rs, "ended_at"),
        (Integer) rs.getObject("exit_code"),
        rs.getString("outcome"),
        rs.getString("error"),
        (Integer) rs.getObject("reported_exit"),
        rs.getString("reported_error"),
        rs.getString("reported_input_error"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
