package dev.kiln.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An MLflow tracking server through its REST API ({@code /api/2.0/mlflow/...}), one experiment per
 * {@link Group}. The downsampled read is {@code get-history-bulk-interval}, which samples the
 * series evenly by row in SQL (keeping the first and last points) and allows at most 2,500 points.
 */
final class MlflowTarget implements Target {

  private static final String API = "/api/2.0/mlflow";

  private final JsonHttp http;
  private final Map<Group, String> experimentIds = new EnumMap<>(Group.class);

  MlflowTarget(URI server) {
    this.http = new JsonHttp(server, null);
  }

  @Override
  public String name() {
    return "MLflow";
  }

  @Override
  public void prepare() {
    for (Group group : Group.values()) {
      String name = "bench-" + group.name().toLowerCase(Locale.ROOT);
      JsonHttp.Reply reply =
          http.send(API + "/experiments/create", "{\"name\":" + Series.quote(name) + "}");
      String id;
      if (reply.ok()) {
        id = Json.tree(reply.body()).path("experiment_id").asString();
      } else if (reply.status() == 400 && reply.text().contains("RESOURCE_ALREADY_EXISTS")) {
        id =
            Json.tree(http.get(API + "/experiments/get-by-name?experiment_name=" + encode(name)))
                .path("experiment")
                .path("experiment_id")
                .asString();
      } else {
        throw new JsonHttp.ServerError("POST " + API + "/experiments/create", reply);
      }
      experimentIds.put(group, id);
    }
  }

  @Override
  public String createRun(Group group, String name) {
    String body =
        "{\"experiment_id\":"
            + Series.quote(experimentIds.get(group))
            + ",\"run_name\":"
            + Series.quote(name)
            + ",\"start_time\":"
            + System.currentTimeMillis()
            + "}";
    return Json.tree(http.post(API + "/runs/create", body))
        .path("run")
        .path("info")
        .path("run_id")
        .asString();
  }

  @Override
  public void logMetrics(String runId, String key, long firstStep, int count) {
    StringBuilder json = new StringBuilder(96 + count * 80);
    json.append("{\"run_id\":").append(Series.quote(runId)).append(',');
    Series.appendMetrics(json, key, firstStep, count).append('}');
    http.post(API + "/runs/log-batch", json.toString());
  }

  @Override
  public void logSearchable(String runId, double rmse, String alpha) {
    String json =
        "{\"run_id\":"
            + Series.quote(runId)
            + ",\"metrics\":[{\"key\":\"rmse\",\"value\":"
            + rmse
            + ",\"step\":0,\"timestamp\":"
            + Series.EPOCH_MILLIS
            + "}],\"params\":[{\"key\":\"alpha\",\"value\":"
            + Series.quote(alpha)
            + "}]}";
    http.post(API + "/runs/log-batch", json);
  }

  @Override
  public List<byte[]> readHistory(String runId, String key, int pageSize) {
    List<byte[]> pages = new ArrayList<>();
    String base =
        API
            + "/metrics/get-history?run_id="
            + encode(runId)
            + "&metric_key="
            + encode(key)
            + "&max_results="
            + pageSize;
    String token = null;
    do {
      byte[] page = http.get(token == null ? base : base + "&page_token=" + encode(token));
      pages.add(page);
      token = Json.topLevelString(page, "next_page_token");
    } while (token != null && !token.isEmpty());
    return pages;
  }

  @Override
  public byte[] downsample(String runId, String key, int points) {
    return http.get(
        API
            + "/metrics/get-history-bulk-interval?run_ids="
            + encode(runId)
            + "&metric_key="
            + encode(key)
            + "&max_results="
            + points);
  }

  @Override
  public byte[] search(int limit) {
    String body =
        "{\"experiment_ids\":["
            + Series.quote(experimentIds.get(Group.SEARCH))
            + "],\"filter\":\"metrics.rmse < 0.1\",\"order_by\":[\"metrics.rmse ASC\"],"
            + "\"max_results\":"
            + limit
            + "}";
    return http.post(API + "/runs/search", body);
  }

  @Override
  public List<Point> points(byte[] body) {
    return Json.points(body, "metrics");
  }

  @Override
  public List<Double> searchedRmse(byte[] body) {
    List<Double> rmse = new ArrayList<>();
    for (JsonNode run : Json.tree(body).path("runs")) {
      double value = Double.NaN;
      for (JsonNode metric : run.path("data").path("metrics")) {
        if ("rmse".equals(metric.path("key").asString())) {
          value = Json.number(metric.path("value"));
        }
      }
      rmse.add(value);
    }
    return rmse;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
