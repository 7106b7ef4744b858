package dev.kiln.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Kiln through its gateway and REST API ({@code /api/v1/workspaces/{workspace}/jobs/...}). The
 * search runs live in a workspace of their own, so that a search without an experiment filter
 * covers exactly them, as MLflow's search of one experiment does.
 */
final class KilnTarget implements Target {

  static final String WORKSPACE = "bench";
  static final String SEARCH_WORKSPACE = "bench-search";

  private static final String SEARCH_BODY =
      "{\"filter\":\"metrics.rmse < 0.1\",\"orderBy\":[\"metrics.rmse ASC\"],\"limit\":%d}";

  private final JsonHttp http;

  KilnTarget(URI gateway, String adminToken) {
    this.http = new JsonHttp(gateway, adminToken);
  }

  @Override
  public String name() {
    return "Kiln";
  }

  @Override
  public void prepare() {
    for (String workspace : List.of(WORKSPACE, SEARCH_WORKSPACE)) {
      JsonHttp.Reply reply =
          http.send("/api/v1/workspaces", "{\"name\":" + Series.quote(workspace) + "}");
      // 409: left by an earlier run against the same server, which is fine to reuse.
      if (!reply.ok() && reply.status() != 409) {
        throw new JsonHttp.ServerError("POST /api/v1/workspaces", reply);
      }
    }
  }

  @Override
  public String createRun(Group group, String name) {
    String body =
        "{\"name\":"
            + Series.quote(name)
            + ",\"experimentName\":"
            + Series.quote("bench-" + group.name().toLowerCase(java.util.Locale.ROOT))
            + "}";
    http.post(jobs(workspace(group)), body);
    // The id names the workspace too, as the other calls need both.
    return workspace(group) + "/" + name;
  }

  @Override
  public void logMetrics(String runId, String key, long firstStep, int count) {
    StringBuilder json = new StringBuilder(64 + count * 80).append('{');
    Series.appendMetrics(json, key, firstStep, count).append('}');
    http.post(run(runId) + "/batch", json.toString());
  }

  @Override
  public void logSearchable(String runId, double rmse, String alpha) {
    String json =
        "{\"metrics\":[{\"key\":\"rmse\",\"value\":"
            + rmse
            + ",\"step\":0,\"timestamp\":"
            + Series.EPOCH_MILLIS
            + "}],\"params\":[{\"key\":\"alpha\",\"value\":"
            + Series.quote(alpha)
            + "}]}";
    http.post(run(runId) + "/batch", json);
  }

  @Override
  public List<byte[]> readHistory(String runId, String key, int pageSize) {
    List<byte[]> pages = new ArrayList<>();
    String base = run(runId) + "/metrics/" + encode(key) + "?limit=" + pageSize;
    String cursor = null;
    do {
      byte[] page = http.get(cursor == null ? base : base + "&cursor=" + encode(cursor));
      pages.add(page);
      cursor = Json.topLevelString(page, "next");
    } while (cursor != null);
    return pages;
  }

  @Override
  public byte[] downsample(String runId, String key, int points) {
    return http.get(run(runId) + "/metrics/" + encode(key) + "?points=" + points);
  }

  @Override
  public byte[] search(int limit) {
    return http.post(jobs(SEARCH_WORKSPACE) + "/search", String.format(SEARCH_BODY, limit));
  }

  @Override
  public List<Point> points(byte[] body) {
    return Json.points(body, "items");
  }

  /**
   * Each found run's rmse. Kiln's search answers runs without their metrics, so each run's latest
   * metrics are asked for ({@code GET .../jobs/{name}/metrics}); this runs after the clock stops.
   */
  @Override
  public List<Double> searchedRmse(byte[] body) {
    List<Double> rmse = new ArrayList<>();
    for (JsonNode run : Json.tree(body).path("items")) {
      JsonNode metrics = run.path("metrics");
      if (metrics.isMissingNode()) {
        String name = run.path("name").asString();
        metrics =
            Json.tree(http.get(run(SEARCH_WORKSPACE + "/" + name) + "/metrics")).path("metrics");
      }
      rmse.add(rmseOf(metrics));
    }
    return rmse;
  }

  /** From {@code [{key, value}, ...]} or {@code {key: value}}; NaN when there is no rmse. */
  private static double rmseOf(JsonNode metrics) {
    if (metrics.isObject()) {
      return metrics.has("rmse") ? Json.number(metrics.get("rmse")) : Double.NaN;
    }
    for (JsonNode metric : metrics) {
      if ("rmse".equals(metric.path("key").asString())) {
        return Json.number(metric.path("value"));
      }
    }
    return Double.NaN;
  }

  private static String workspace(Group group) {
    return group == Group.SEARCH ? SEARCH_WORKSPACE : WORKSPACE;
  }

  private static String jobs(String workspace) {
    return "/api/v1/workspaces/" + workspace + "/jobs";
  }

  /** The path of run {@code workspace/name}. */
  private static String run(String runId) {
    int slash = runId.indexOf('/');
    return jobs(runId.substring(0, slash)) + "/" + encode(runId.substring(slash + 1));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
