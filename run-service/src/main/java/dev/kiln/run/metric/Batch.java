package dev.kiln.run.metric;

import dev.kiln.common.error.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client logs in one call: metric points, params and tags, as it sent them. A missing step
 * means 0 and a missing timestamp means the time the batch is applied; both stay {@code null} here
 * so that a retry of the same batch hashes the same.
 */
public record Batch(List<Metric> metrics, Map<String, String> params, Map<String, String> tags) {

  public static final int MAX_METRICS = 1000;
  public static final int MAX_PARAMS = 100;
  public static final int MAX_TAGS = 100;
  public static final int MAX_ENTRIES = 1000;

  public Batch {
    metrics = metrics == null ? List.of() : metrics;
    params = params == null ? Map.of() : params;
    tags = tags == null ? Map.of() : tags;
  }

  /** One metric point as sent: {@code step} and {@code timestamp} may be {@code null}. */
  public record Metric(String key, double value, Long step, Long timestamp) {}

  public int size() {
    return metrics.size() + params.size() + tags.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * Collects params sent as a list of pairs. The same key twice with the same value is one param;
   * with another value it is a 400 {@code duplicate_param}, as in MLflow.
   */
  public static Map<String, String> params(List<? extends Map.Entry<String, String>> entries) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      if (!params.containsKey(e.getKey())) {
        params.put(e.getKey(), e.getValue());
      } else if (!Objects.equals(params.get(e.getKey()), e.getValue())) {
        throw new InvalidRequestException(
            "duplicate_param",
            "Param '" + e.getKey() + "' appears twice in the batch with different values.");
      }
    }
    return params;
  }

  /** Collects tags sent as a list of pairs; a later pair wins over an earlier one of its key. */
  public static Map<String, String> tags(List<? extends Map.Entry<String, String>> entries) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      tags.put(e.getKey(), e.getValue());
    }
    return tags;
  }
}
