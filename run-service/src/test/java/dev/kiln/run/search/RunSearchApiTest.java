package dev.kiln.run.search;

import static dev.kiln.run.search.SearchSeeds.BASE;
import static dev.kiln.run.search.SearchSeeds.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Role;
import dev.kiln.common.paging.Cursor;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RunServiceTest
class RunSearchApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  String workspace;
  String jobs;
  SearchSeeds seeds;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "search");
    jobs = "/api/v1/workspaces/" + workspace + "/jobs";
    seeds = new SearchSeeds(dataSource, workspace);
  }

  /**
   * Four active runs and a deleted one, started a second apart (delta has not started, so its
   * creation counts): newest first they are delta, gamma, beta, alpha.
   */
  private void seedFourRuns() {
    create("alpha", "exp-a", null);
    create("beta", "exp-a", null);
    create("gamma", "exp-b", "gamma ray");
    create("delta", "exp-b", null);
    create("gone", "exp-a", null);
    seeds.set("alpha", "COMPLETED", at(BASE + 1000), at(BASE + 1000), at(BASE + 5000));
    seeds.set("beta", "FAILED", at(BASE + 2000), at(BASE + 2000), at(BASE + 6000));
    // 400 microseconds past the millisecond: MLflow sees start_time = BASE + 3000.
    seeds.set("gamma", "RUNNING", at(BASE + 3000), atMicros(BASE + 3000, 400), null);
    seeds.set("delta", "NOT_STARTED", at(BASE + 4000), null, null);
    seeds.set("gone", "COMPLETED", at(BASE + 500), at(BASE + 500), at(BASE + 900));
    seeds.delete("gone");
    seeds.submitter("alpha", "u-ada", "ada");
    seeds.submitter("beta", "u-bob", "bob");
    seeds.metric("alpha", "rmse", 0.5);
    seeds.metric("alpha", "acc", 0.9);
    seeds.metric("beta", "rmse", 1.5);
    seeds.metric("gamma", "rmse", 0.8);
    seeds.metric("gamma", "acc", Double.NaN);
    seeds.metric("gone", "rmse", 0.1);
    seeds.param("alpha", "lr", "0.01");
    seeds.param("alpha", "model", "cnn");
    seeds.param("beta", "lr", "0.1");
    seeds.param("beta", "model", "CNN-large");
    seeds.param("gamma", "model", "rnn");
    seeds.param("delta", "lr", "0.01");
    seeds.param("gone", "model", "cnn");
    seeds.tag("alpha", "team", "vision");
    seeds.tag("beta", "team", "nlp");
    seeds.tag("delta", "team", "vision");
  }

  private static java.sql.Timestamp atMicros(long millis, int micros) {
    java.sql.Timestamp t = at(millis);
    t.setNanos(t.getNanos() + micros * 1000);
    return t;
  }

  private void create(String name, String experiment, String displayName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("experimentName", experiment);
    if (displayName != null) {
      body.put("displayName", displayName);
    }
    assertThat(http.postJson(jobs, JSON.writeValueAsString(body)).status()).isEqualTo(201);
  }

  private TestHttp.Response post(Map<String, Object> body) {
    return http.postJson(jobs + "/search", JSON.writeValueAsString(body));
  }

  private List<String> names(String filter, String... orderBy) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("filter", filter);
    body.put("orderBy", List.of(orderBy));
    return names(post(body));
  }

  private static List<String> names(TestHttp.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    response.json().get("items").forEach(item -> names.add(item.get("name").asString()));
    return names;
  }

  @Test
  void filtersByTheLatestMetricWithEveryNumericComparator() {
    seedFourRuns();
    assertThat(names("metrics.rmse < 1")).containsExactly("gamma", "alpha");
    assertThat(names("metrics.rmse <= 0.8")).containsExactly("gamma", "alpha");
    assertThat(names("metrics.rmse > 0.8")).containsExactly("beta");
    assertThat(names("metrics.rmse >= 0.8")).containsExactly("gamma", "beta");
    assertThat(names("metrics.rmse = 1.5")).containsExactly("beta");
    assertThat(names("metrics.rmse != 1.5")).containsExactly("gamma", "alpha");
    assertThat(names("metric.`rmse` < 1e0")).containsExactly("gamma", "alpha");
  }

  @Test
  void comparesParamsAndTagsAndNotEqualNeedsTheKey() {
    seedFourRuns();
    assertThat(names("params.lr = '0.01'")).containsExactly("delta", "alpha");
    assertThat(names("params.lr != '0.01'")).containsExactly("beta");
    assertThat(names("tags.team = \"vision\"")).containsExactly("delta", "alpha");
    assertThat(names("tags.team != 'vision'")).containsExactly("beta");
    assertThat(names("params.missing != 'x'")).isEmpty();
  }

  @Test
  void likeIsCaseSensitiveAndIlikeIsNot() {
    seedFourRuns();
    assertThat(names("params.model LIKE 'cnn%'")).containsExactly("alpha");
    assertThat(names("params.model ILIKE 'cnn%'")).containsExactly("beta", "alpha");
    assertThat(names("params.model like '_nn'")).containsExactly("gamma", "alpha");
    assertThat(names("tags.team ilike '%ISI%'")).containsExactly("delta", "alpha");
  }

  @Test
  void matchesListsWithInAndNotIn() {
    seedFourRuns();
    assertThat(names("params.model IN ('cnn', 'rnn')")).containsExactly("gamma", "alpha");
    assertThat(names("params.model NOT IN ('cnn')")).containsExactly("gamma", "beta");
    assertThat(names("tags.team in ('nlp')")).containsExactly("beta");
    assertThat(names("attributes.run_id IN ('alpha', 'delta', 'nobody')"))
        .containsExactly("delta", "alpha");
    assertThat(names("attributes.run_id NOT IN ('alpha')"))
        .containsExactly("delta", "gamma", "beta");
  }

  @Test
  void filtersByStatusInMlflowAndKilnNames() {
    seedFourRuns();
    seeds.set("beta", "FINALIZING", at(BASE + 2000), at(BASE + 2000), null);
    assertThat(names("attributes.status = 'RUNNING'")).containsExactly("gamma", "beta");
    assertThat(names("attributes.status = 'Running'")).containsExactly("gamma");
    assertThat(names("status = 'FINISHED'")).containsExactly("alpha");
    assertThat(names("status = 'completed'")).containsExactly("alpha");
    assertThat(names("status = 'SCHEDULED'")).containsExactly("delta");
    assertThat(names("status != 'RUNNING'")).containsExactly("delta", "alpha");
    assertThat(names("status IN ('FINISHED', 'NotStarted')")).containsExactly("delta", "alpha");
    assertThat(names("status NOT IN ('SCHEDULED', 'FINISHED')")).containsExactly("gamma", "beta");
    assertThat(names("status LIKE 'FIN%'")).containsExactly("beta", "alpha");
  }

  @Test
  void filtersByNamesAndUsers() {
    seedFourRuns();
    assertThat(names("attributes.run_name = 'gamma ray'")).containsExactly("gamma");
    assertThat(names("attributes.run_name = 'alpha'")).containsExactly("alpha");
    assertThat(names("attributes.`Run name` ILIKE 'GAMMA%'")).containsExactly("gamma");
    assertThat(names("attributes.run_id = 'gamma'")).containsExactly("gamma");
    assertThat(names("attributes.user_id = 'ada'")).containsExactly("alpha");
    assertThat(names("attributes.user_id = 'u-bob'")).containsExactly("beta");
    assertThat(names("attributes.user_id LIKE 'u-%'")).containsExactly("beta", "alpha");
    assertThat(names("attributes.user_id != 'ada'")).containsExactly("delta", "gamma", "beta");
    assertThat(names("attributes.user_id NOT IN ('ada', 'u-bob')"))
        .containsExactly("delta", "gamma");
  }

  @Test
  void filtersByTimesInEpochMillisecondsAsMlflowSeesThem() {
    seedFourRuns();
    assertThat(names("attributes.start_time = " + (BASE + 3000))).containsExactly("gamma");
    assertThat(names("attributes.start_time != " + (BASE + 3000)))
        .containsExactly("delta", "beta", "alpha");
    assertThat(names("attributes.start_time < " + (BASE + 2000))).containsExactly("alpha");
    assertThat(names("attributes.start_time <= " + (BASE + 2000))).containsExactly("beta", "alpha");
    assertThat(names("attributes.start_time > " + (BASE + 3000))).containsExactly("delta");
    assertThat(names("start_time >= " + (BASE + 3000))).containsExactly("delta", "gamma");
    assertThat(names("attributes.end_time < " + (BASE + 6000))).containsExactly("alpha");
    assertThat(names("attributes.end_time > 0")).containsExactly("beta", "alpha");
    assertThat(names("attributes.created > " + (BASE + 2500))).containsExactly("delta", "gamma");
  }

  @Test
  void combinesClausesWithAnd() {
    seedFourRuns();
    assertThat(names("metrics.rmse < 1 and params.model = 'cnn'")).containsExactly("alpha");
    assertThat(names("metrics.rmse < 1 AND params.model = 'cnn' AND tags.team = 'vision'"))
        .containsExactly("alpha");
    assertThat(names("metrics.rmse < 1 and status = 'RUNNING' and params.model = 'cnn'")).isEmpty();
  }

  @Test
  void ordersByMetricsWithNanAndMissingValuesLast() {
    seedFourRuns();
    assertThat(names("", "metrics.rmse ASC")).containsExactly("alpha", "gamma", "beta", "delta");
    assertThat(names("", "metrics.rmse DESC")).containsExactly("beta", "gamma", "alpha", "delta");
    assertThat(names("", "metrics.acc DESC")).containsExactly("alpha", "gamma", "delta", "beta");
    assertThat(names("", "metrics.acc")).containsExactly("alpha", "gamma", "delta", "beta");
    assertThat(names("metrics.rmse < 1", "metrics.rmse DESC")).containsExactly("gamma", "alpha");
    assertThat(names("metrics.rmse < 1", "metrics.rmse ASC")).containsExactly("alpha", "gamma");
    assertThat(names("metrics.acc != 0", "metrics.acc DESC")).containsExactly("alpha", "gamma");
    assertThat(names("metrics.acc != 0", "metrics.acc ASC")).containsExactly("alpha", "gamma");
  }

  @Test
  void comparesNanMetricsAsIeeeDoesSoOnlyNotEqualMatchesThem() {
    seedFourRuns();
    assertThat(names("metrics.acc > 0.5")).containsExactly("alpha");
    assertThat(names("metrics.acc >= 0")).containsExactly("alpha");
    assertThat(names("metrics.acc < 2")).containsExactly("alpha");
    assertThat(names("metrics.acc != 0.9")).containsExactly("gamma");
    assertThat(names("metrics.acc > 0", "metrics.acc DESC")).containsExactly("alpha");
  }

  @Test
  void ordersByParamsTagsAndAttributes() {
    seedFourRuns();
    assertThat(names("")).containsExactly("delta", "gamma", "beta", "alpha");
    assertThat(names("", "params.lr ASC")).containsExactly("delta", "alpha", "beta", "gamma");
    assertThat(names("", "params.lr DESC")).containsExactly("beta", "delta", "alpha", "gamma");
    assertThat(names("", "tags.team")).containsExactly("beta", "delta", "alpha", "gamma");
    assertThat(names("", "attributes.start_time ASC"))
        .containsExactly("alpha", "beta", "gamma", "delta");
    assertThat(names("", "start_time DESC")).containsExactly("delta", "gamma", "beta", "alpha");
    assertThat(names("", "attributes.end_time DESC"))
        .containsExactly("beta", "alpha", "delta", "gamma");
    assertThat(names("", "attributes.run_name")).containsExactly("alpha", "beta", "delta", "gamma");
    assertThat(names("", "attributes.run_id DESC"))
        .containsExactly("gamma", "delta", "beta", "alpha");
    assertThat(names("", "attributes.status")).containsExactly("beta", "alpha", "gamma", "delta");
    assertThat(names("", "created ASC")).containsExactly("alpha", "beta", "gamma", "delta");
    assertThat(names("", "attributes.user_id DESC"))
        .containsExactly("beta", "delta", "gamma", "alpha");
    assertThat(names("", "params.lr ASC", "metrics.rmse DESC"))
        .containsExactly("alpha", "delta", "beta", "gamma");
  }

  @Test
  void answersRunsAsTheRunApiShowsThem() {
    seedFourRuns();
    JsonNode alpha =
        post(Map.of("filter", "attributes.run_id = 'alpha'")).json().get("items").get(0);
    assertThat(alpha.get("experimentName").asString()).isEqualTo("exp-a");
    assertThat(alpha.get("status").asString()).isEqualTo("Completed");
    assertThat(alpha.get("tags").get("team").asString()).isEqualTo("vision");
    assertThat(alpha.get("id").asString()).isEqualTo(seeds.runId("alpha").toString());
  }

  @Test
  void searchesOnlyTheNamedExperiments() {
    seedFourRuns();
    assertThat(names(post(Map.of("experiments", List.of("exp-b")))))
        .containsExactly("delta", "gamma");
    assertThat(
            names(
                post(
                    Map.of(
                        "experiments", List.of("exp-b", "exp-a"), "filter", "metrics.rmse < 1"))))
        .containsExactly("gamma", "alpha");
    int experiments = seeds.count("experiment");
    var unknown = post(Map.of("experiments", List.of("nope")));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asString()).isEqualTo("experiment_not_found");
    assertThat(seeds.count("experiment")).isEqualTo(experiments);
  }

  @Test
  void hidesDeletedRunsUnlessAskedFor() {
    seedFourRuns();
    assertThat(names("metrics.rmse < 1")).containsExactly("gamma", "alpha");
    assertThat(names(post(Map.of("filter", "metrics.rmse < 1", "view", "deleted"))))
        .containsExactly("gone");
    assertThat(names(post(Map.of("filter", "metrics.rmse < 1", "view", "all"))))
        .containsExactly("gamma", "alpha", "gone");
    assertThat(names(post(Map.of("view", "ACTIVE_ONLY")))).doesNotContain("gone").hasSize(4);
  }

  @Test
  void pagesThroughEveryRunExactlyOnceInEveryOrder() {
    create("first", "paged", null);
    java.util.UUID experiment =
        seeds
            .jdbc()
            .queryForObject(
                "select experiment_id from run where id = ?",
                java.util.UUID.class,
                seeds.runId("first"));
    // Three runs per millisecond, so that start times tie and the run id must break the tie.
    seeds.insertRuns(experiment, "p", 23, 3);
    for (int i = 1; i <= 23; i++) {
      if (i % 5 != 0) {
        seeds.metric("p" + i, "m", i % 4);
      }
      if (i % 4 != 0) {
        seeds.param("p" + i, "p", "v" + (i % 3));
      }
    }
    seeds.jdbc().update("update run set end_time = created_at where name in ('p2', 'p3', 'p7')");
    seeds.metric("p2", "m2", Double.NaN);
    seeds.metric("p3", "m2", Double.NaN);
    Map<List<String>, String> searches = new LinkedHashMap<>();
    searches.put(List.of(), "");
    searches.put(List.of("metrics.m ASC"), "");
    searches.put(List.of("metrics.m DESC"), "");
    searches.put(List.of("params.p DESC", "metrics.m ASC"), "");
    searches.put(List.of("attributes.end_time"), "");
    searches.put(List.of("start_time ASC"), "");
    searches.put(List.of("attributes.status", "tags.none DESC"), "");
    searches.put(List.of("metrics.m DESC", "metrics.m2 DESC"), "metrics.m >= 1");
    searches.put(List.of("metrics.m2 ASC", "metrics.m ASC"), "metrics.m <= 2");
    for (var search : searches.entrySet()) {
      List<String> order = search.getKey();
      String filter = search.getValue();
      List<String> whole = names(post(Map.of("orderBy", order, "filter", filter, "limit", 1000)));
      assertThat(whole).as(order.toString()).hasSizeGreaterThan(10).doesNotHaveDuplicates();
      if (filter.isEmpty()) {
        assertThat(whole).hasSize(24);
      }
      List<String> paged = new ArrayList<>();
      String cursor = null;
      do {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderBy", order);
        body.put("filter", filter);
        body.put("limit", 5);
        body.put("cursor", cursor);
        var page = post(body);
        paged.addAll(names(page));
        cursor = page.json().get("next").isNull() ? null : page.json().get("next").asString();
      } while (cursor != null);
      assertThat(paged).as(order.toString()).isEqualTo(whole);
    }
  }

  @Test
  void pagesPastSortValuesTooLongForACursor() {
    create("first", "long", null);
    java.util.UUID experiment =
        seeds
            .jdbc()
            .queryForObject(
                "select experiment_id from run where id = ?",
                java.util.UUID.class,
                seeds.runId("first"));
    seeds.insertRuns(experiment, "l", 7, 1);
    for (int i = 1; i <= 7; i++) {
      // Long and short values alternate, so pages continue both by keyset and by skipping.
      String letter = String.valueOf((char) ('a' + (i * 3) % 7));
      seeds.param("l" + i, "long", letter.repeat(i % 2 == 0 ? 3000 : 5));
    }
    List<String> whole =
        names(post(Map.of("orderBy", List.of("params.long DESC"), "experiments", List.of("long"))));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("orderBy", List.of("params.long DESC"));
      body.put("experiments", List.of("long"));
      body.put("limit", 2);
      body.put("cursor", cursor);
      var page = post(body);
      paged.addAll(names(page));
      cursor = page.json().get("next").isNull() ? null : page.json().get("next").asString();
    } while (cursor != null);
    assertThat(whole).hasSize(8).endsWith("first");
    assertThat(paged).isEqualTo(whole);
  }

  @Test
  void refusesACursorOfAnotherSearchOrOneItDidNotMake() {
    seedFourRuns();
    int runs = seeds.count("run");
    int experiments = seeds.count("experiment");
    var first = post(Map.of("filter", "metrics.rmse < 1", "limit", 1));
    String next = first.json().get("next").asString();
    var same = post(Map.of("filter", "metrics.rmse < 1", "limit", 1, "cursor", next));
    assertThat(names(same)).containsExactly("alpha");
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("filter", "metrics.rmse < 2", "cursor", next),
            Map.of(
                "filter", "metrics.rmse < 1", "orderBy", List.of("metrics.rmse"), "cursor", next),
            Map.of("cursor", "not-a-cursor"),
            Map.of("cursor", Cursor.encode("{}")),
            Map.of("cursor", Cursor.encode("[1,2]")))) {
      var refused = post(bad);
      assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
      assertThat(refused.json().get("code").asString()).isEqualTo("invalid_cursor");
    }
    assertThat(seeds.count("run")).isEqualTo(runs);
    assertThat(seeds.count("experiment")).isEqualTo(experiments);
  }

  @Test
  void treatsInjectionAttemptsAsPlainValues() {
    seedFourRuns();
    seeds.param("gamma", "x", "a' or 1=1 --");
    int runs = seeds.count("run");
    assertThat(names("params.x = 'a'' or 1=1 --'")).containsExactly("gamma");
    assertThat(names("params.x = 'b'' or ''1''=''1'")).isEmpty();
    assertThat(names("params.`x' or '1'='1` = 'a'")).isEmpty();
    assertThat(names("params.x LIKE '%'' or 1=1; drop table run; --'")).isEmpty();
    assertThat(names("attributes.run_id IN ('x'') or true --')")).isEmpty();
    assertThat(names("", "params.`x; drop table run` DESC")).hasSize(4);
    assertThat(seeds.count("run")).isEqualTo(runs);
  }

  @Test
  void neverReturnsRunsOfAnotherWorkspace() {
    seedFourRuns();
    String otherWorkspace = TestWorkspaces.create(dataSource, "other");
    String otherJobs = "/api/v1/workspaces/" + otherWorkspace + "/jobs";
    http.postJson(otherJobs, "{\"name\":\"alpha\",\"experimentName\":\"exp-a\"}");
    http.postJson(otherJobs, "{\"name\":\"stranger\",\"experimentName\":\"exp-a\"}");
    SearchSeeds other = new SearchSeeds(dataSource, otherWorkspace);
    other.metric("alpha", "rmse", 0.1);
    other.metric("stranger", "rmse", 0.1);
    var mine = post(Map.of("filter", "metrics.rmse < 1", "limit", 1000));
    assertThat(names(mine)).containsExactly("gamma", "alpha");
    assertThat(mine.json().get("items").get(1).get("id").asString())
        .isEqualTo(seeds.runId("alpha").toString());
    assertThat(names("attributes.run_id IN ('stranger')")).isEmpty();
    var outsider =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("u9", otherWorkspace, Role.OWNER));
    assertThat(outsider.postJson(jobs + "/search", "{}").status()).isEqualTo(404);
  }

  @Test
  void letsReadersSearch() {
    seedFourRuns();
    var reader =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("u2", workspace, Role.READER));
    var found = reader.postJson(jobs + "/search", "{\"filter\":\"metrics.rmse > 1\"}");
    assertThat(names(found)).containsExactly("beta");
  }

  @Test
  void takesTheLiteralSearchPathForPostOnly() {
    seedFourRuns();
    assertThat(names(http.send("POST", jobs + "/search", null, null))).hasSize(4);
    assertThat(http.get(jobs + "/search").status()).isEqualTo(404);
    create("search", "exp-a", null);
    assertThat(http.get(jobs + "/search").json().get("name").asString()).isEqualTo("search");
  }

  @Test
  void refusesBadInputsWithStableCodesAndWritesNothing() {
    seedFourRuns();
    int runs = seeds.count("run");
    int experiments = seeds.count("experiment");
    int params = seeds.count("run_param");
    Map<Map<String, Object>, String> bad = new LinkedHashMap<>();
    bad.put(Map.of("filter", "metrics.rmse LIKE 'a'"), "invalid_filter");
    bad.put(Map.of("filter", "foo.bar = 1"), "invalid_filter");
    bad.put(Map.of("filter", "params.x = 'open"), "invalid_filter");
    bad.put(Map.of("filter", "metrics.rmse < 1 or metrics.rmse > 2"), "invalid_filter");
    bad.put(Map.of("orderBy", List.of("metrics.rmse SIDEWAYS")), "invalid_order_by");
    bad.put(Map.of("limit", 0), "invalid_limit");
    bad.put(Map.of("limit", 50_001), "invalid_limit");
    bad.put(Map.of("view", "archived"), "invalid_view");
    bad.put(Map.of("experiments", java.util.Arrays.asList("exp-a", null)), "invalid_request");
    for (var entry : bad.entrySet()) {
      var refused = post(entry.getKey());
      assertThat(refused.status()).as(entry.getKey().toString()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("code").asString()).isEqualTo(entry.getValue());
    }
    var positioned = post(Map.of("filter", "metrics.rmse < 1 AND params.x > 'a'"));
    assertThat(positioned.json().get("detail").asString())
        .isEqualTo(
            "Invalid filter at character 31 ('> 'a''): params.x is a string: compare it with =,"
                + " !=, LIKE, ILIKE, IN or NOT IN");
    assertThat(http.postJson(jobs + "/search", "{not json").status()).isEqualTo(400);
    assertThat(seeds.count("run")).isEqualTo(runs);
    assertThat(seeds.count("experiment")).isEqualTo(experiments);
    assertThat(seeds.count("run_param")).isEqualTo(params);
  }

  @Test
  void takesMlflowSizedLimitsButCapsAPageAtOneThousand() {
    create("first", "big", null);
    java.util.UUID experiment =
        seeds
            .jdbc()
            .queryForObject(
                "select experiment_id from run where id = ?",
                java.util.UUID.class,
                seeds.runId("first"));
    seeds.insertRuns(experiment, "b", 1000, 1);
    var first = post(Map.of("limit", 50_000));
    assertThat(first.json().get("items")).hasSize(1000);
    var rest = post(Map.of("limit", 50_000, "cursor", first.json().get("next").asString()));
    assertThat(rest.json().get("items")).hasSize(1);
    assertThat(rest.json().get("next").isNull()).isTrue();
  }
}
