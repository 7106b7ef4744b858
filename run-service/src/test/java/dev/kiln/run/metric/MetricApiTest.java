package dev.kiln.run.metric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Role;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.run.run.RunService;
import dev.kiln.run.workspace.Workspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@RunServiceTest
class MetricApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired RunService runService;
  @Autowired Workspaces workspaces;
  @Autowired ReceiptPruner pruner;

  TestHttp http;
  JdbcTemplate jdbc;
  String workspace;
  String jobs;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    jdbc = new JdbcTemplate(dataSource);
    workspace = TestWorkspaces.create(dataSource, "metrics");
    jobs = "/api/v1/workspaces/" + workspace + "/jobs";
  }

  private String job(String name) {
    assertThat(http.postJson(jobs, "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
    return jobs + "/" + name;
  }

  private UUID runId(String name) {
    return runService.require(workspaces.idOf(workspace), name).id();
  }

  /** Rows of {@code table} that belong to run {@code name}. */
  private int rows(String table, String name) {
    return jdbc.queryForObject(
        "select count(*) from " + table + " where run_id = ?", Integer.class, runId(name));
  }

  /** Every row the batch endpoint may write for run {@code name}, table by table. */
  private Map<String, Integer> written(String name) {
    return Map.of(
        "metric_chunk", rows("metric_chunk", name),
        "metric_latest", rows("metric_latest", name),
        "run_param", rows("run_param", name),
        "run_tag", rows("run_tag", name),
        "batch_receipt", rows("batch_receipt", name));
  }

  private static String metric(String key, String value, long step, long timestamp) {
    return "{\"key\":\""
        + key
        + "\",\"value\":"
        + value
        + ",\"step\":"
        + step
        + ",\"timestamp\":"
        + timestamp
        + "}";
  }

  private static String pairs(int n, String prefix, String value) {
    StringJoiner joined = new StringJoiner(",", "[", "]");
    for (int i = 0; i < n; i++) {
      joined.add("{\"key\":\"" + prefix + i + "\",\"value\":\"" + value + "\"}");
    }
    return joined.toString();
  }

  private static String series(String key, int from, int count, int stride) {
    StringJoiner joined = new StringJoiner(",", "[", "]");
    for (int i = 0; i < count; i++) {
      long step = from + (long) i * stride;
      joined.add(metric(key, Double.toString(Math.sin(step / 10.0)), step, 1_000_000 + step));
    }
    return joined.toString();
  }

  private static String batch(String metrics, String params, String tags) {
    return "{\"metrics\":" + metrics + ",\"params\":" + params + ",\"tags\":" + tags + "}";
  }

  private List<JsonNode> items(TestHttp.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    response.json().get("items").forEach(items::add);
    return items;
  }

  @Test
  void logsABatchAndReadsParamsAndLatestMetrics() {
    String run = job("basic");
    var logged =
        http.postJson(
            run + "/batch",
            batch(
                "["
                    + metric("loss", "0.5", 1, 1000)
                    + ","
                    + metric("system/cpu_percent", "12", 1, 1000)
                    + "]",
                "[{\"key\":\"lr\",\"value\":\"0.01\"}]",
                "[{\"key\":\"team\",\"value\":\"cv\"}]"));
    assertThat(logged.status()).as(logged.body()).isEqualTo(200);
    assertThat(logged.json().get("metrics").asInt()).isEqualTo(2);
    assertThat(logged.json().get("params").asInt()).isEqualTo(1);
    assertThat(logged.json().get("tags").asInt()).isEqualTo(1);
    assertThat(logged.json().get("duplicate").asBoolean()).isFalse();
    assertThat(http.get(run + "/params").json().get("params").get("lr").asString())
        .isEqualTo("0.01");
    assertThat(http.get(run).json().get("tags").get("team").asString()).isEqualTo("cv");
    JsonNode latest = http.get(run + "/metrics").json().get("metrics");
    assertThat(latest).hasSize(2);
    assertThat(latest.get(0).get("key").asString()).isEqualTo("loss");
    assertThat(latest.get(1).get("key").asString()).isEqualTo("system/cpu_percent");
    assertThat(items(http.get(run + "/metrics/system/cpu_percent")))
        .singleElement()
        .satisfies(p -> assertThat(p.get("value").asDouble()).isEqualTo(12.0));
  }

  @Test
  void aRetriedBatchWritesNothingTwice() {
    String run = job("retry");
    String body =
        batch(
            series("loss", 0, 100, 1), "[{\"key\":\"lr\",\"value\":\"0.1\"}]", pairs(2, "t", "v"));
    assertThat(http.postJson(run + "/batch", body).json().get("duplicate").asBoolean()).isFalse();
    Map<String, Integer> once = written("retry");
    var again = http.postJson(run + "/batch", body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    assertThat(written("retry")).isEqualTo(once);
    assertThat(once.get("metric_chunk")).isEqualTo(1);
    assertThat(items(http.get(run + "/metrics/loss?limit=1000"))).hasSize(100);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyWritesNothing() {
    String run = job("keyed");
    TestHttp keyed = http.withHeaders(Map.of("Idempotency-Key", "attempt-1"));
    assertThat(keyed.postJson(run + "/batch", batch(series("acc", 0, 10, 1), "[]", "[]")).status())
        .isEqualTo(200);
    Map<String, Integer> once = written("keyed");
    var other = keyed.postJson(run + "/batch", batch(series("acc", 10, 10, 1), "[]", "[]"));
    assertThat(other.json().get("duplicate").asBoolean()).isTrue();
    assertThat(written("keyed")).isEqualTo(once);
    assertThat(items(http.get(run + "/metrics/acc"))).hasSize(10);
    var fresh =
        http.withHeaders(Map.of("Idempotency-Key", "attempt-2"))
            .postJson(run + "/batch", batch(series("acc", 10, 10, 1), "[]", "[]"));
    assertThat(fresh.json().get("duplicate").asBoolean()).isFalse();
    assertThat(items(http.get(run + "/metrics/acc"))).hasSize(20);
  }

  @Test
  void aConflictingParamRollsBackTheWholeBatch() {
    String run = job("conflict");
    http.postJson(run + "/batch", batch("[]", "[{\"key\":\"lr\",\"value\":\"0.1\"}]", "[]"));
    Map<String, Integer> before = written("conflict");
    String body =
        batch(
            series("loss", 0, 10, 1),
            "[{\"key\":\"lr\",\"value\":\"0.2\"},{\"key\":\"epochs\",\"value\":\"3\"}]",
            "[{\"key\":\"team\",\"value\":\"cv\"}]");
    for (int attempt = 0; attempt < 2; attempt++) {
      var refused = http.postJson(run + "/batch", body);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().get("code").asString()).isEqualTo("param_exists");
      assertThat(written("conflict")).isEqualTo(before);
    }
    assertThat(http.get(run + "/params").json().get("params").get("lr").asString())
        .isEqualTo("0.1");
  }

  @Test
  void refusesOverLimitBatchesAndWritesNothing() {
    String run = job("limits");
    Map<String, Integer> before = written("limits");
    String[] tooLarge = {
      batch(series("m", 0, 1001, 1), "[]", "[]"),
      batch("[]", pairs(101, "p", "v"), "[]"),
      batch("[]", "[]", pairs(101, "t", "v")),
      batch(series("m", 0, 900, 1), pairs(100, "p", "v"), pairs(1, "t", "v"))
    };
    for (String body : tooLarge) {
      var refused = http.postJson(run + "/batch", body);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().get("code").asString()).isEqualTo("batch_too_large");
    }
    assertThat(written("limits")).isEqualTo(before);
    var fits =
        http.postJson(
            run + "/batch",
            batch(series("m", 0, 800, 1), pairs(100, "p", "v"), pairs(100, "t", "v")));
    assertThat(fits.status()).isEqualTo(200);
  }

  @Test
  void refusesInvalidKeysAndValuesAndWritesNothing() {
    String run = job("invalid");
    Map<String, Integer> before = written("invalid");
    Map<String, String> refusals =
        Map.of(
            batch("[" + metric("../up", "1", 0, 0) + "]", "[]", "[]"), "invalid_metric_key",
            batch("[" + metric("ok", "1", 0, 0) + "]", "[{\"key\":\"a*b\",\"value\":\"1\"}]", "[]"),
                "invalid_param_key",
            batch("[]", "[]", "[{\"key\":\"\",\"value\":\"1\"}]"), "invalid_tag_key",
            batch("[]", pairs(1, "p", "x".repeat(6001)), "[]"), "invalid_param",
            batch("[]", "[]", "[{\"key\":\"t\"}]"), "invalid_tag",
            batch("[{\"key\":\"loss\",\"step\":1}]", "[]", "[]"), "invalid_metric",
            batch("[]", "[{\"key\":\"p\",\"value\":\"1\"},{\"key\":\"p\",\"value\":\"2\"}]", "[]"),
                "duplicate_param");
    refusals.forEach(
        (body, code) -> {
          var refused = http.postJson(run + "/batch", body);
          assertThat(refused.status()).as(code).isEqualTo(400);
          assertThat(refused.json().get("code").asString()).isEqualTo(code);
        });
    var notANumber =
        http.postJson(run + "/batch", batch("[" + metric("m", "\"many\"", 0, 0) + "]", "[]", "[]"));
    assertThat(notANumber.status()).isEqualTo(400);
    var tooLongKey =
        http.withHeaders(Map.of("Idempotency-Key", "k".repeat(300)))
            .postJson(run + "/batch", batch(series("m", 0, 1, 1), "[]", "[]"));
    assertThat(tooLongKey.status()).isEqualTo(400);
    assertThat(tooLongKey.json().get("code").asString()).isEqualTo("invalid_idempotency_key");
    assertThat(written("invalid")).isEqualTo(before);
    assertThat(http.get(run + "/metrics/a*b").status()).isEqualTo(400);
  }

  @Test
  void roundTripsNaNAndInfinity() {
    String run = job("special");
    var logged =
        http.postJson(
            run + "/batch",
            batch(
                "["
                    + metric("m", "\"NaN\"", 0, 10)
                    + ","
                    + metric("m", "\"Infinity\"", 1, 10)
                    + ","
                    + metric("m", "\"-Infinity\"", 2, 10)
                    + ","
                    + metric("m", "1.5e300", 3, 10)
                    + "]",
                "[]",
                "[]"));
    assertThat(logged.status()).as(logged.body()).isEqualTo(200);
    List<JsonNode> history = items(http.get(run + "/metrics/m"));
    assertThat(history)
        .extracting(p -> Double.parseDouble(p.get("value").asString()))
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5e300);
    var latest = http.get(run + "/metrics").json().get("metrics").get(0);
    assertThat(latest.get("value").asDouble()).isEqualTo(1.5e300);
    http.postJson(run + "/batch", batch("[" + metric("m", "\"NaN\"", 9, 10) + "]", "[]", "[]"));
    latest = http.get(run + "/metrics").json().get("metrics").get(0);
    assertThat(latest.get("value").asString()).isEqualTo("NaN");
  }

  @Test
  void pagesHistoryAcrossChunksEveryPointOnceInOrder() {
    String run = job("paged");
    // Five batches whose steps interleave, and a repeated step told apart by its timestamp.
    for (int b = 0; b < 5; b++) {
      http.postJson(run + "/batch", batch(series("loss", b, 7, 5), "[]", "[]"));
    }
    http.postJson(run + "/batch", batch("[" + metric("loss", "42", 3, 1) + "]", "[]", "[]"));
    assertThat(rows("metric_chunk", "paged")).isEqualTo(6);
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          http.get(run + "/metrics/loss?limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
      all.addAll(items(page));
      JsonNode next = page.json().get("next");
      cursor = next.isNull() ? null : next.asString();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(9);
    assertThat(all).hasSize(36);
    List<long[]> keys =
        all.stream()
            .map(p -> new long[] {p.get("step").asLong(), p.get("timestamp").asLong()})
            .toList();
    for (int i = 1; i < keys.size(); i++) {
      long[] a = keys.get(i - 1);
      long[] b = keys.get(i);
      assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1])).as("point %d in order", i).isTrue();
    }
    assertThat(all.get(3).get("value").asDouble()).isEqualTo(42.0);
    assertThat(items(http.get(run + "/metrics/loss?limit=100"))).hasSize(36);
    assertThat(items(http.get(run + "/metrics/unknown"))).isEmpty();
    assertThat(http.get(run + "/metrics/loss?cursor=bogus").status()).isEqualTo(400);
    assertThat(http.get(run + "/metrics/loss?limit=0").status()).isEqualTo(400);
    assertThat(http.get(run + "/metrics/loss?limit=25001").status()).isEqualTo(400);
  }

  /** A wave with a spike up and a dip down, logged in batches of {@code perBatch} points. */
  private void logSpikySeries(String run, int total, int perBatch) {
    for (int from = 0; from < total; from += perBatch) {
      StringJoiner points = new StringJoiner(",", "[", "]");
      for (int step = from; step < from + perBatch; step++) {
        double value = step == total / 3 ? 1000 : step == 2 * total / 3 ? -500 : Math.sin(step);
        points.add(metric("loss", Double.toString(value), step, 1_000 + step));
      }
      assertThat(http.postJson(run + "/batch", batch(points.toString(), "[]", "[]")).status())
          .isEqualTo(200);
    }
  }

  private void assertDrawsTheSeries(String run, int total, int points) {
    var response = http.get(run + "/metrics/loss?points=" + points);
    assertThat(response.json().get("downsampled").asBoolean()).isTrue();
    List<JsonNode> sampled = items(response);
    assertThat(sampled).hasSizeLessThanOrEqualTo(points).hasSizeGreaterThanOrEqualTo(4);
    assertThat(sampled).extracting(p -> p.get("value").asDouble()).contains(1000.0, -500.0);
    assertThat(sampled.get(0).get("step").asLong()).isZero();
    assertThat(sampled.get(sampled.size() - 1).get("step").asLong()).isEqualTo(total - 1);
  }

  @Test
  void downsamplesFromChunkSummariesKeepingTheSpikeAndTheMinimum() {
    String run = job("summaries");
    logSpikySeries(run, 1200, 20);
    assertThat(rows("metric_chunk", "summaries")).isEqualTo(60);
    assertDrawsTheSeries(run, 1200, 12);
  }

  @Test
  void downsamplesByDecodingFewChunksKeepingTheSpikeAndTheMinimum() {
    String run = job("decoded");
    logSpikySeries(run, 3000, 1000);
    assertDrawsTheSeries(run, 3000, 50);
    assertThat(items(http.get(run + "/metrics/loss?points=1")))
        .extracting(p -> p.get("value").asDouble())
        .containsExactly(-500.0);
    assertThat(http.get(run + "/metrics/loss?points=0").status()).isEqualTo(400);
    assertThat(http.get(run + "/metrics/loss?points=10001").status()).isEqualTo(400);
    assertThat(http.get(run + "/metrics/loss?points=5&limit=5").status()).isEqualTo(400);
    assertThat(items(http.get(run + "/metrics/nothing?points=5"))).isEmpty();
  }

  @Test
  void latestFollowsMlflowsRule() {
    String run = job("latest");
    http.postJson(run + "/batch", batch("[" + metric("acc", "0.5", 5, 100) + "]", "[]", "[]"));
    http.postJson(run + "/batch", batch("[" + metric("acc", "0.9", 3, 900) + "]", "[]", "[]"));
    JsonNode latest = http.get(run + "/metrics").json().get("metrics").get(0);
    assertThat(latest.get("step").asLong()).isEqualTo(5);
    assertThat(latest.get("value").asDouble()).isEqualTo(0.5);
    http.postJson(run + "/batch", batch("[" + metric("acc", "0.1", 5, 101) + "]", "[]", "[]"));
    http.postJson(run + "/batch", batch("[" + metric("acc", "0.7", 5, 101) + "]", "[]", "[]"));
    http.postJson(run + "/batch", batch("[" + metric("acc", "0.6", 5, 101) + "]", "[]", "[]"));
    latest = http.get(run + "/metrics").json().get("metrics").get(0);
    assertThat(latest.get("timestamp").asLong()).isEqualTo(101);
    assertThat(latest.get("value").asDouble()).isEqualTo(0.7);
    // Within one batch the same rule picks the latest.
    http.postJson(
        run + "/batch",
        batch(
            "[" + metric("acc", "0.2", 8, 5) + "," + metric("acc", "0.3", 7, 9) + "]", "[]", "[]"));
    latest = http.get(run + "/metrics").json().get("metrics").get(0);
    assertThat(latest.get("step").asLong()).isEqualTo(8);
    assertThat(rows("metric_latest", "latest")).isEqualTo(1);
  }

  @Test
  void defaultsStepToZeroAndTimestampToNow() {
    String run = job("defaults");
    long before = System.currentTimeMillis();
    http.postJson(run + "/batch", "{\"metrics\":[{\"key\":\"m\",\"value\":2}]}");
    JsonNode point = items(http.get(run + "/metrics/m")).get(0);
    assertThat(point.get("step").asLong()).isZero();
    assertThat(point.get("timestamp").asLong()).isBetween(before, System.currentTimeMillis());
  }

  @Test
  void hidesOtherWorkspacesAndRefusesReadersBatches() {
    String run = job("guarded");
    String body = batch(series("m", 0, 3, 1), "[]", "[]");
    String other = TestWorkspaces.create(dataSource, "other");
    assertThat(http.postJson("/api/v1/workspaces/" + other + "/jobs/guarded/batch", body).status())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/workspaces/" + other + "/jobs/guarded/metrics").status())
        .isEqualTo(404);
    var stranger =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("u1", other, Role.OWNER));
    assertThat(stranger.postJson(run + "/batch", body).status()).isEqualTo(404);
    var reader =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("u2", workspace, Role.READER));
    assertThat(reader.postJson(run + "/batch", body).status()).isEqualTo(403);
    assertThat(reader.get(run + "/metrics").status()).isEqualTo(200);
    assertThat(written("guarded").values()).allMatch(n -> n == 0);
    assertThat(http.postJson(jobs + "/nobody/batch", body).status()).isEqualTo(404);
  }

  @Test
  void aDeletedRunTakesNoData() {
    String run = job("gone");
    runService.setDeleted(workspaces.idOf(workspace), "gone", true);
    var refused = http.postJson(run + "/batch", batch(series("m", 0, 3, 1), "[]", "[]"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asString()).isEqualTo("job_deleted");
    assertThat(written("gone").values()).allMatch(n -> n == 0);
  }

  @Test
  void prunesReceiptsOlderThanADay() {
    String run = job("pruned");
    http.postJson(run + "/batch", batch(series("m", 0, 3, 1), "[]", "[]"));
    jdbc.update(
        "insert into batch_receipt (run_id, digest, created_at) values (?, ?, ?)",
        runId("pruned"),
        "old",
        Timestamp.from(Instant.now().minus(Duration.ofHours(25))));
    assertThat(rows("batch_receipt", "pruned")).isEqualTo(2);
    pruner.prune();
    assertThat(
            jdbc.queryForList(
                "select digest from batch_receipt where run_id = ?", String.class, runId("pruned")))
        .hasSize(1)
        .doesNotContain("old");
  }
}
