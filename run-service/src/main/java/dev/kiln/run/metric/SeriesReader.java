package dev.kiln.run.metric;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Cursor;
import dev.kiln.common.paging.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads metric series from their chunks. History pages read only the chunks that can hold the page;
 * downsampled reads use the chunk summaries alone when the series has enough chunks. Callers hold a
 * read-only transaction, which lets the driver stream large results instead of buffering them.
 */
@Component
class SeriesReader {

  /** Rows fetched per round trip when streaming chunks: about 200 kB of 1,000-point chunks. */
  private static final int STREAM_FETCH_SIZE = 8;

  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::step)
          .thenComparingLong(Entry::timestamp)
          .thenComparingLong(Entry::chunk)
          .thenComparingInt(Entry::index);

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;

  SeriesReader(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.streaming = new JdbcTemplate(jdbc.getDataSource());
    this.streaming.setFetchSize(STREAM_FETCH_SIZE);
  }

  /**
   * Up to {@code limit} points after {@code after} (a cursor this method returned, or {@code
   * null}), ordered by step, timestamp and then the order they were logged.
   */
  Page<MetricPoint> history(UUID runId, String key, int limit, String after) {
    Entry cursor = after == null ? null : parseCursor(after);
    List<ChunkRef> refs =
        jdbc.query(
            "select id, min_step, point_count from metric_chunk"
                + " where run_id = ? and key = ? and max_step >= ? order by min_step, id",
            (rs, i) -> new ChunkRef(rs.getLong(1), rs.getLong(2), rs.getInt(3)),
            runId,
            key,
            cursor == null ? Long.MIN_VALUE : cursor.step());
    int need = limit + 1;
    List<Entry> candidates = new ArrayList<>();
    int next = 0;
    while (next < refs.size()) {
      int end = next;
      if (candidates.size() >= need) {
        // Only chunks that may hold a point before the last candidate can change the page.
        long bound = candidates.get(need - 1).step();
        while (end < refs.size() && refs.get(end).minStep() <= bound) {
          end++;
        }
        if (end == next) {
          break;
        }
      } else {
        long counted = 0;
        while (end < refs.size() && counted < need - candidates.size()) {
          counted += refs.get(end++).count();
        }
      }
      read(runId, key, refs.subList(next, end), cursor, candidates);
      candidates.sort(ORDER);
      if (candidates.size() > need) {
        candidates.subList(need, candidates.size()).clear();
      }
      next = end;
    }
    boolean more = candidates.size() > limit;
    List<Entry> kept = more ? candidates.subList(0, limit) : candidates;
    List<MetricPoint> items = kept.stream().map(Entry::point).toList();
    return new Page<>(items, more ? Cursor.encode(kept.get(limit - 1).cursor()) : null);
  }

  /** At most {@code points} points that draw the series; see {@link Downsampler}. */
  List<MetricPoint> downsample(UUID runId, String key, int points) {
    SeriesShape shape =
        jdbc.queryForObject(
            "select count(*), min(min_step), max(max_step) from metric_chunk"
                + " where run_id = ? and key = ?",
            (rs, i) -> new SeriesShape(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
            runId,
            key);
    if (shape.chunks() == 0) {
      return List.of();
    }
    Downsampler sampler = new Downsampler(shape.firstStep(), shape.lastStep(), points);
    boolean summaries = shape.chunks() >= 2L * points;
    // Summaries are small and read in one go; points are streamed, as a series may be huge.
    (summaries ? jdbc : streaming)
        .query(
            "select "
                + (summaries ? "summary" : "points")
                + " from metric_chunk where run_id = ? and key = ? order by id",
            rs -> {
              ChunkCodec.decode(
                  rs.getBytes(1), (i, step, time, value) -> sampler.accept(step, time, value));
            },
            runId,
            key);
    return sampler.result();
  }

  private void read(UUID runId, String key, List<ChunkRef> chunks, Entry cursor, List<Entry> into) {
    if (chunks.isEmpty()) {
      return;
    }
    jdbc.query(
        "select id, points from metric_chunk where run_id = ? and key = ? and id = any(?)",
        rs -> {
          long chunk = rs.getLong(1);
          ChunkCodec.decode(
              rs.getBytes(2),
              (index, step, time, value) -> {
                Entry entry = new Entry(step, time, value, chunk, index);
                if (cursor == null || ORDER.compare(entry, cursor) > 0) {
                  into.add(entry);
                }
              });
        },
        runId,
        key,
        chunks.stream().map(ChunkRef::id).toArray(Long[]::new));
  }

  private static Entry parseCursor(String after) {
    String[] parts = after.split(":", -1);
    try {
      if (parts.length == 4) {
        return new Entry(
            Long.parseLong(parts[0]),
            Long.parseLong(parts[1]),
            0,
            Long.parseLong(parts[2]),
            Integer.parseInt(parts[3]));
      }
    } catch (NumberFormatException e) {
      // answered below, as any other cursor this list did not make
    }
    throw new InvalidRequestException(
        "invalid_cursor", "The cursor is not one this history returned; start again without it.");
  }

  private record ChunkRef(long id, long minStep, int count) {}

  private record SeriesShape(long chunks, long firstStep, long lastStep) {}

  /** A decoded point with its place in the series: chunk id, then index in the chunk. */
  private record Entry(long step, long timestamp, double value, long chunk, int index) {

    MetricPoint point() {
      return new MetricPoint(step, timestamp, value);
    }

    String cursor() {
      return step + ":" + timestamp + ":" + chunk + ":" + index;
    }
  }
}
