package dev.kiln.run.metric;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Cursor;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.run.Keys;
import dev.kiln.run.run.ParamStore;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.workspace.Workspaces;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/jobs/{name}")
class MetricController {

  private static final int DEFAULT_HISTORY_LIMIT = 1000;

  private final MetricService metrics;
  private final RunService runs;
  private final ParamStore params;
  private final Workspaces workspaces;

  MetricController(
      MetricService metrics, RunService runs, ParamStore params, Workspaces workspaces) {
    this.metrics = metrics;
    this.runs = runs;
    this.params = params;
    this.workspaces = workspaces;
  }

  /**
   * Logs metrics, params and tags in one go. A retry (the same body, or the same {@code
   * Idempotency-Key}) within a day writes nothing and answers {@code "duplicate": true}.
   */
  @PostMapping("/batch")
  BatchResult batch(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody BatchRequest request) {
    Run run = runs.requireActive(workspaces.idOf(workspace), name);
    return metrics.logBatch(run, request.toBatch(), idempotencyKey);
  }

  @GetMapping("/params")
  ParamsResponse params(@PathVariable String workspace, @PathVariable String name) {
    Run run = runs.require(workspaces.idOf(workspace), name);
    return new ParamsResponse(params.of(run.id()));
  }

  /** The latest point of each metric, by key. */
  @GetMapping("/metrics")
  LatestResponse latest(@PathVariable String workspace, @PathVariable String name) {
    Run run = runs.require(workspaces.idOf(workspace), name);
    List<LatestMetric> latest = new ArrayList<>();
    metrics
        .latest(run)
        .forEach((k, p) -> latest.add(new LatestMetric(k, p.value(), p.step(), p.timestamp())));
    return new LatestResponse(latest);
  }

  /**
   * The history of one metric ({@code ?limit=&cursor=}), or with {@code ?points=N} a downsampled
   * history of at most N points. The key is the rest of the path, as keys may hold '/'.
   */
  @GetMapping("/metrics/{*key}")
  HistoryResponse history(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String key,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer points) {
    String metricKey = Keys.requireValid("metric", key.startsWith("/") ? key.substring(1) : key);
    if (points != null && (limit != null || cursor != null)) {
      throw new InvalidRequestException(
          "invalid_points", "points draws the whole series; it does not go with limit or cursor.");
    }
    Run run = runs.require(workspaces.idOf(workspace), name);
    if (points != null) {
      return new HistoryResponse(metrics.downsample(run, metricKey, points), null, true);
    }
    PageRequest page =
        new PageRequest(
            limit == null ? DEFAULT_HISTORY_LIMIT : limit,
            cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor));
    Page<MetricPoint> history = metrics.history(run, metricKey, page);
    return new HistoryResponse(history.items(), history.next(), false);
  }

  record BatchRequest(List<MetricEntry> metrics, List<KeyValue> params, List<KeyValue> tags) {

    Batch toBatch() {
      List<Batch.Metric> points = new ArrayList<>(metrics == null ? 0 : metrics.size());
      if (metrics != null) {
        for (MetricEntry m : metrics) {
          if (m == null || m.value() == null) {
            String key = m == null ? null : m.key();
            throw new InvalidRequestException(
                "invalid_metric", "The metric '" + key + "' has no value.");
          }
          points.add(new Batch.Metric(m.key(), m.value(), m.step(), m.timestamp()));
        }
      }
      return new Batch(points, Batch.params(entries(params)), Batch.tags(entries(tags)));
    }

    private static List<Map.Entry<String, String>> entries(List<KeyValue> pairs) {
      if (pairs == null) {
        return List.of();
      }
      List<Map.Entry<String, String>> entries = new ArrayList<>(pairs.size());
      for (KeyValue pair : pairs) {
        if (pair == null) {
          throw new InvalidRequestException(
              "invalid_request", "A param or tag of the batch is empty.");
        }
        entries.add(new AbstractMap.SimpleImmutableEntry<>(pair.key(), pair.value()));
      }
      return entries;
    }
  }

  /** A point as sent; the value may be a number or "NaN", "Infinity", "-Infinity". */
  record MetricEntry(String key, Double value, Long step, Long timestamp) {}

  record KeyValue(String key, String value) {}

  record ParamsResponse(Map<String, String> params) {}

  record LatestMetric(String key, double value, long step, long timestamp) {}

  record LatestResponse(List<LatestMetric> metrics) {}

  /** A page of history ({@code next} is null on the last), or a downsampled series. */
  record HistoryResponse(List<MetricPoint> items, String next, boolean downsampled) {}
}
