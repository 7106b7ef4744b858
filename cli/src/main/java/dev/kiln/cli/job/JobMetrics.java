package dev.kiln.cli.job;

import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The metrics of a job as the commands see them: the latest value of each key ({@code GET
 * .../jobs/{name}/metrics}) and the history of one key ({@code GET .../metrics/{key}}), with their
 * table columns. Timestamps travel as epoch milliseconds and are shown as UTC instants.
 */
public final class JobMetrics {

  /** Points per page when reading a history: the server allows up to 1,000. */
  public static final int HISTORY_PAGE_SIZE = 1000;

  /** The most points a downsampled history may ask for. */
  public static final int MAX_POINTS = 10_000;

  /** KEY, VALUE, STEP, TIMESTAMP: the latest value of each metric. */
  public static final List<Column> LATEST_COLUMNS = latestColumns("KEY");

  /** STEP, TIMESTAMP, VALUE: the points of one metric. */
  public static final List<Column> HISTORY_COLUMNS =
      List.of(
          Column.field("STEP", "step"),
          new Column("TIMESTAMP", point -> time(point.path("timestamp")), 0),
          Column.field("VALUE", "value"));

  private JobMetrics() {}

  /** The columns of the latest values, the key's column headed {@code keyHeader}. */
  static List<Column> latestColumns(String keyHeader) {
    return List.of(
        Column.field(keyHeader, "key"),
        Column.field("VALUE", "value"),
        Column.field("STEP", "step"),
        new Column("TIMESTAMP", point -> time(point.path("timestamp")), 0));
  }

  /** The latest value of each metric of job {@code name}. */
  public static String latestPath(String workspace, String name) {
    return Jobs.path(workspace, name) + "/metrics";
  }

  /** The history of metric {@code key} (which may hold {@code /}) of job {@code name}. */
  public static String historyPath(String workspace, String name, String key) {
    return latestPath(workspace, name) + "/" + Jobs.segments(key);
  }

  /** The latest value of each metric of job {@code name}: {@code {key, value, step, timestamp}}. */
  public static List<JsonNode> latest(ApiClient api, String workspace, String name) {
    List<JsonNode> metrics = new ArrayList<>();
    api.get(latestPath(workspace, name)).path("metrics").forEach(metrics::add);
    return metrics;
  }

  /** Epoch milliseconds as an ISO-8601 UTC instant; other values as they are. */
  static String time(JsonNode millis) {
    if (millis.isIntegralNumber()) {
      return Instant.ofEpochMilli(millis.asLong()).toString();
    }
    return millis.isValueNode() && !millis.isNull() ? millis.asString() : "";
  }
}
