package dev.kiln.run.metric;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.run.Keys;
import dev.kiln.run.run.ParamStore;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.TagStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Metrics of runs, and the params and tags that come with them in batches. A batch is applied at
 * most once: in one transaction with a receipt keyed by its digest, so a retried batch writes
 * nothing. Metric points of one key in one batch are stored as one chunk row.
 */
@Service
public class MetricService {

  /** The most points one history page may hold (MLflow reads up to 25,000 per page). */
  public static final int MAX_HISTORY_PAGE = 25_000;

  /** The most points a downsampled read may ask for. */
  public static final int MAX_DOWNSAMPLE_POINTS = 10_000;

  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;

  private final JdbcTemplate jdbc;
  private final ParamStore params;
  private final TagStore tags;
  private final SeriesReader reader;

  MetricService(JdbcTemplate jdbc, ParamStore params, TagStore tags, SeriesReader reader) {
    this.jdbc = jdbc;
    this.params = params;
    this.tags = tags;
    this.reader = reader;
  }

  /**
   * Applies a batch to {@code run} in one transaction. Limits are MLflow's: at most 1,000 metrics,
   * 100 params, 100 tags and 1,000 entries in all (else 400 {@code batch_too_large}); keys and
   * values are checked before anything is written. A batch whose digest (of its content, or of
   * {@code idempotencyKey} when given) was seen in the last day writes nothing and answers {@code
   * duplicate}.
   *
   * @param run an active run (the caller has refused a deleted one)
   * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
   * @throws dev.kiln.common.error.ConflictException ({@code param_exists}) when a param already
   *     holds another value; nothing of the batch is written then
   */
  @Transactional
  public BatchResult logBatch(Run run, Batch batch, String idempotencyKey) {
    Map<String, ChunkCodec.Builder> series = validate(batch);
    Map<String, String> sortedParams =
        checkedEntries("param", batch.params(), Keys.MAX_PARAM_VALUE_LENGTH);
    Map<String, String> sortedTags = checkedEntries("tag", batch.tags(), Keys.MAX_TAG_VALUE_LENGTH);
    String keyDigest = idempotencyKey == null ? null : digestOf(idempotencyKey);
    BatchResult applied =
        new BatchResult(batch.metrics().size(), batch.params().size(), batch.tags().size(), false);
    if (batch.isEmpty()) {
      return applied;
    }
    String digest = keyDigest != null ? keyDigest : BatchDigest.of(batch);
    int inserted =
        jdbc.update(
            "insert into batch_receipt (run_id, digest, created_at) values (?, ?, now())"
                + " on conflict (run_id, digest) do nothing",
            run.id(),
            digest);
    if (inserted == 0) {
      return new BatchResult(applied.metrics(), applied.params(), applied.tags(), true);
    }
    params.log(run.id(), sortedParams);
    tags.set(run.id(), sortedTags);
    writeMetrics(run.id(), series);
    return applied;
  }

  /**
   * One page of the history of metric {@code key}, ordered by step, timestamp and then the order
   * the points were logged; an unknown key has an empty history. {@code page.limit()} may be up to
   * {@link #MAX_HISTORY_PAGE}; {@code page.after()} is a decoded cursor from an earlier page.
   */
  @Transactional(readOnly = true)
  public Page<MetricPoint> history(Run run, String key, PageRequest page) {
    if (page.limit() < 1 || page.limit() > MAX_HISTORY_PAGE) {
      throw new InvalidRequestException(
          "invalid_limit", "limit must be between 1 and " + MAX_HISTORY_PAGE + ".");
    }
    return reader.history(run.id(), key, page.limit(), page.after());
  }

  /**
   * At most {@code points} (1 to 10,000) points that draw the series of {@code key}: its first and
   * last step and the smallest and largest values of equal step ranges, the global extremes among
   * them. A series of at least {@code 2 × points} chunks is drawn from chunk summaries alone.
   */
  @Transactional(readOnly = true)
  public List<MetricPoint> downsample(Run run, String key, int points) {
    if (points < 1 || points > MAX_DOWNSAMPLE_POINTS) {
      throw new InvalidRequestException(
          "invalid_points", "points must be between 1 and " + MAX_DOWNSAMPLE_POINTS + ".");
    }
    return reader.downsample(run.id(), key, points);
  }

  /** The latest point of each metric of the run, by key. */
  @Transactional(readOnly = true)
  public Map<String, MetricPoint> latest(Run run) {
    return latest(List.of(run.id())).getOrDefault(run.id(), Map.of());
  }

  /** The latest point of each metric of many runs in one query; runs without metrics are absent. */
  @Transactional(readOnly = true)
  public Map<UUID, Map<String, MetricPoint>> latest(Collection<UUID> runIds) {
    Map<UUID, Map<String, MetricPoint>> latest = new HashMap<>();
    if (runIds.isEmpty()) {
      return latest;
    }
    jdbc.query(
        "select run_id, key, step, timestamp, value from metric_latest"
            + " where run_id = any(?) order by run_id, key",
        rs -> {
          latest
              .computeIfAbsent(rs.getObject(1, UUID.class), id -> new LinkedHashMap<>())
              .put(rs.getString(2), new MetricPoint(rs.getLong(3), rs.getLong(4), rs.getDouble(5)));
        },
        (Object) runIds.toArray(UUID[]::new));
    return latest;
  }

  /** Checks sizes, keys and values, and groups the points by key in the order they came. */
  private static Map<String, ChunkCodec.Builder> validate(Batch batch) {
    if (batch.metrics().size() > Batch.MAX_METRICS
        || batch.params().size() > Batch.MAX_PARAMS
        || batch.tags().size() > Batch.MAX_TAGS
        || batch.size() > Batch.MAX_ENTRIES) {
      throw new InvalidRequestException(
          "batch_too_large",
          "A batch holds at most "
              + Batch.MAX_METRICS
              + " metrics, "
              + Batch.MAX_PARAMS
              + " params, "
              + Batch.MAX_TAGS
              + " tags and "
              + Batch.MAX_ENTRIES
              + " entries in all; this one holds "
              + batch.metrics().size()
              + ", "
              + batch.params().size()
              + " and "
              + batch.tags().size()
              + ".");
    }
    Map<String, ChunkCodec.Builder> series = new HashMap<>();
    long now = System.currentTimeMillis();
    for (Batch.Metric m : batch.metrics()) {
      if (m == null) {
        throw new InvalidRequestException("invalid_metric", "A metric of the batch is empty.");
      }
      // Each distinct key is checked once: a batch usually holds many points of few keys.
      ChunkCodec.Builder builder = series.get(m.key());
      if (builder == null) {
        builder = new ChunkCodec.Builder();
        series.put(Keys.requireValid("metric", m.key()), builder);
      }
      builder.add(
          m.step() == null ? 0 : m.step(), m.timestamp() == null ? now : m.timestamp(), m.value());
    }
    return series;
  }

  /** Checks keys and values; sorted by key, so concurrent batches lock rows in the same order. */
  private static Map<String, String> checkedEntries(
      String kind, Map<String, String> entries, int maxValueLength) {
    Map<String, String> sorted = new TreeMap<>();
    entries.forEach(
        (k, v) ->
            sorted.put(Keys.requireValid(kind, k), Keys.requireValue(kind, k, v, maxValueLength)));
    return sorted;
  }

  private static String digestOf(String idempotencyKey) {
    if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new InvalidRequestException(
          "invalid_idempotency_key",
          "An Idempotency-Key is 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters.");
    }
    return BatchDigest.ofIdempotencyKey(idempotencyKey);
  }

  /** One chunk row per key, and one statement that moves each key's latest point forward. */
  private void writeMetrics(UUID runId, Map<String, ChunkCodec.Builder> series) {
    if (series.isEmpty()) {
      return;
    }
    List<String> keys = new ArrayList<>(series.keySet());
    keys.sort(null);
    List<Object[]> chunks = new ArrayList<>(keys.size());
    String[] latestKeys = new String[keys.size()];
    long[] latestSteps = new long[keys.size()];
    long[] latestTimes = new long[keys.size()];
    double[] latestValues = new double[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      ChunkCodec.Builder builder = series.get(keys.get(i));
      ChunkCodec.Chunk chunk = builder.build();
      chunks.add(
          new Object[] {
            runId,
            keys.get(i),
            chunk.count(),
            chunk.minStep(),
            chunk.maxStep(),
            chunk.summary(),
            chunk.points()
          });
      MetricPoint latest = builder.latest();
      latestKeys[i] = keys.get(i);
      latestSteps[i] = latest.step();
      latestTimes[i] = latest.timestamp();
      latestValues[i] = latest.value();
    }
    jdbc.batchUpdate(
        "insert into metric_chunk (run_id, key, point_count, min_step, max_step, summary, points)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        chunks);
    // Rows are locked in key order, so two batches of one run cannot deadlock each other here.
    jdbc.update(
        "insert into metric_latest (run_id, key, step, timestamp, value)"
            + " select ?, u.key, u.step, u.timestamp, u.value"
            + " from unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::float8[])"
            + " as u(key, step, timestamp, value)"
            + " on conflict (run_id, key) do update"
            + " set step = excluded.step, timestamp = excluded.timestamp, value = excluded.value"
            + " where (excluded.step, excluded.timestamp, excluded.value)"
            + " > (metric_latest.step, metric_latest.timestamp, metric_latest.value)",
        runId,
        latestKeys,
        latestSteps,
        latestTimes,
        latestValues);
  }
}
