package dev.kiln.run.log;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.run.run.Run;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Appends to and reads a run's log (table {@code run_log}). */
@Service
public class LogService {

  /** The most lines one append takes. */
  public static final int MAX_LINES = 10_000;

  /** The longest line, in bytes of UTF-8. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  /** The most lines one read answers. */
  public static final int MAX_READ = 10_000;

  /** The streams a line may come from. */
  public static final Set<String> STREAMS = Set.of("stdout", "stderr", "system");

  /** The first key of the advisory locks that serialise appends to one run ("logs"). */
  private static final int LOCK_SPACE = 0x6c6f6773;

  private static final RowMapper<LogLine> LINE =
      (rs, i) ->
          new LogLine(
              rs.getLong(1),
              rs.getString(2),
              rs.getObject(3, OffsetDateTime.class).toInstant(),
              rs.getString(4));

  private final JdbcTemplate jdbc;

  LogService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Appends {@code lines} to the run's log, in order, stamped with the server's time. All or
   * nothing: a bad line refuses the whole batch.
   *
   * @param run a run that is not deleted
   * @param stream {@code stdout}, {@code stderr} or {@code system}
   * @param lines 1 to {@value #MAX_LINES} lines of at most {@value #MAX_LINE_BYTES} bytes each,
   *     without NUL characters (which PostgreSQL cannot store)
   * @return the id of the last line appended
   * @throws InvalidRequestException 400 {@code invalid_log_stream}, {@code invalid_log_lines} or
   *     {@code job_deleted}
   */
  @Transactional
  public long append(Run run, String stream, List<String> lines) {
    if (run.deleted()) {
      throw new InvalidRequestException(
          "job_deleted", "Job '" + run.name() + "' is deleted; restore it before logging to it.");
    }
    requireValid(stream, lines);
    // Ids are taken at insert and seen at commit: holding this lock until commit makes the two
    // orders agree within the run, which followers rely on to never skip a line.
    jdbc.query("select pg_advisory_xact_lock(?, ?)", rs -> {}, LOCK_SPACE, run.id().hashCode());
    List<Long> ids =
        jdbc.queryForList(
            "insert into run_log (run_id, stream, time, line)"
                + " select ?, ?, ?, t.line from unnest(?::text[]) with ordinality as t(line, n)"
                + " order by t.n returning id",
            Long.class,
            run.id(),
            stream,
            Timestamp.from(Instant.now()),
            lines.toArray(String[]::new));
    return ids.stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  /**
   * Up to {@code limit} lines with ids above {@code after}, in id order.
   *
   * @param after 0 to read from the start
   * @param limit 1 to {@value #MAX_READ}
   */
  @Transactional(readOnly = true)
  public LogPage read(Run run, long after, int limit) {
    if (after < 0) {
      throw new InvalidRequestException(
          "invalid_after", "'after' is the id of a line already read, 0 or more.");
    }
    List<LogLine> lines = after(run.id(), after, requireLimit("limit", limit));
    return new LogPage(lines, lines.isEmpty() ? after : lines.get(lines.size() - 1).id());
  }

  /**
   * The last {@code count} lines, in id order.
   *
   * @param count 1 to {@value #MAX_READ}
   */
  @Transactional(readOnly = true)
  public LogPage tail(Run run, int count) {
    List<LogLine> lines =
        jdbc.query(
            "select id, stream, time, line from (select id, stream, time, line from run_log"
                + " where run_id = ? order by id desc limit ?) t order by id",
            LINE,
            run.id(),
            requireLimit("tail", count));
    return new LogPage(lines, lines.isEmpty() ? 0 : lines.get(lines.size() - 1).id());
  }

  /** Lines after {@code after}, in id order, without a transaction: followers poll with this. */
  List<LogLine> after(UUID runId, long after, int limit) {
    return jdbc.query(
        "select id, stream, time, line from run_log where run_id = ? and id > ? order by id"
            + " limit ?",
        LINE,
        runId,
        after,
        limit);
  }

  private static void requireValid(String stream, List<String> lines) {
    if (stream == null || !STREAMS.contains(stream)) {
      throw new InvalidRequestException(
          "invalid_log_stream",
          "A log line comes from stream stdout, stderr or system, not '" + stream + "'.");
    }
    if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
      throw new InvalidRequestException(
          "invalid_log_lines", "An append takes 1 to " + MAX_LINES + " lines.");
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line == null) {
        throw new InvalidRequestException(
            "invalid_log_lines", "Line " + (i + 1) + " is null; send an empty string instead.");
      }
      if (line.indexOf('\0') >= 0) {
        throw new InvalidRequestException(
            "invalid_log_lines", "Line " + (i + 1) + " holds a NUL character.");
      }
      // A char is at most 3 bytes of UTF-8 (a surrogate pair 4 for 2 chars): most lines need no
      // encoding to pass.
      if (line.length() * 3L > MAX_LINE_BYTES
          && line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
        throw new InvalidRequestException(
            "invalid_log_lines",
            "Line " + (i + 1) + " is longer than " + MAX_LINE_BYTES + " bytes.");
      }
    }
  }

  private static int requireLimit(String what, int limit) {
    if (limit < 1 || limit > MAX_READ) {
      throw new InvalidRequestException(
          "invalid_" + what, "'" + what + "' is 1 to " + MAX_READ + ", not " + limit + ".");
    }
    return limit;
  }
}
