package dev.kiln.run.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.run.run.RunService;
import dev.kiln.run.workspace.Workspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RunServiceTest
class LogApiTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired RunService runs;
  @Autowired Workspaces workspaces;

  TestHttp http;
  String workspace;
  String jobs;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "logs");
    jobs = "/api/v1/workspaces/" + workspace + "/jobs";
  }

  @Test
  void appendsLinesAndReadsThemByIdAndFromTheEnd() {
    createRun("reader");
    String logs = jobs + "/reader/logs";
    TestHttp.Response appended = append(logs, "stdout", "epoch 1", "epoch 2", "epoch 3");
    assertThat(appended.status()).isEqualTo(200);
    assertThat(appended.json().get("count").asInt()).isEqualTo(3);
    append(logs, "stderr", "warning: slow");
    append(logs, "system", "");

    JsonNode all = http.get(logs).json();
    assertThat(all.get("lines"))
        .extracting(l -> l.get("line").asString())
        .containsExactly("epoch 1", "epoch 2", "epoch 3", "warning: slow", "");
    assertThat(all.get("lines"))
        .extracting(l -> l.get("stream").asString())
        .containsExactly("stdout", "stdout", "stdout", "stderr", "system");
    long third = all.get("lines").get(2).get("id").asLong();
    assertThat(all.get("next").asLong()).isEqualTo(all.get("lines").get(4).get("id").asLong());
    assertThat(appended.json().get("lastId").asLong()).isEqualTo(third);
    assertThat(all.get("lines").get(0).get("time").asString()).isNotBlank();

    JsonNode after = http.get(logs + "?after=" + third + "&limit=1").json();
    assertThat(after.get("lines"))
        .extracting(l -> l.get("line").asString())
        .containsExactly("warning: slow");
    assertThat(after.get("next").asLong()).isGreaterThan(third);
    JsonNode tail = http.get(logs + "?tail=2").json();
    assertThat(tail.get("lines"))
        .extracting(l -> l.get("line").asString())
        .containsExactly("warning: slow", "");
    JsonNode beyond = http.get(logs + "?after=" + all.get("next").asLong()).json();
    assertThat(beyond.get("lines")).isEmpty();
    assertThat(beyond.get("next").asLong()).isEqualTo(all.get("next").asLong());
  }

  @Test
  void takesLinesOfExactlyTheLimitsAndKeepsTheirOrder() {
    createRun("full");
    List<String> lines =
        Stream.iterate(0, i -> i + 1).limit(LogService.MAX_LINES).map(i -> "line " + i).toList();

    TestHttp.Response many = appendAll(jobs + "/full/logs", "stdout", lines);
    TestHttp.Response wide = append(jobs + "/full/logs", "stdout", "é".repeat(32 * 1024));

    assertThat(many.status()).as(many.body()).isEqualTo(200);
    assertThat(wide.status()).as(wide.body()).isEqualTo(200);
    assertThat(http.get(jobs + "/full/logs?limit=10000").json().get("lines"))
        .extracting(l -> l.get("line").asString())
        .containsExactlyElementsOf(lines);
  }

  @Test
  void refusesBadAppendsAndWritesNothing() {
    createRun("strict");
    String logs = jobs + "/strict/logs";

    assertProblem(append(logs, "stdlog", "x"), 400, "invalid_log_stream");
    assertProblem(appendAll(logs, "stdout", List.of()), 400, "invalid_log_lines");
    assertProblem(
        appendAll(logs, "stdout", Collections.nCopies(LogService.MAX_LINES + 1, "x")),
        400,
        "invalid_log_lines");
    assertProblem(
        append(logs, "stdout", "x".repeat(LogService.MAX_LINE_BYTES + 1)),
        400,
        "invalid_log_lines");
    assertProblem(
        append(logs, "stdout", "é".repeat(LogService.MAX_LINE_BYTES / 2) + "x"),
        400,
        "invalid_log_lines");
    assertProblem(append(logs, "stdout", "ok", "nul\u0000byte"), 400, "invalid_log_lines");
    assertProblem(
        http.postJson(logs, "{\"stream\":\"stdout\",\"lines\":[\"ok\",null]}"),
        400,
        "invalid_log_lines");
    assertProblem(http.postJson(logs, "{\"stream\":\"stdout\"}"), 400, "invalid_log_lines");
    assertProblem(append(jobs + "/nobody/logs", "stdout", "x"), 404, "job_not_found");
    runs.setDeleted(workspaces.idOf(workspace), "strict", true);
    assertProblem(append(logs, "stdout", "x"), 400, "job_deleted");

    assertThat(lineCount()).isZero();
  }

  @Test
  void refusesBadReads() {
    createRun("queried");
    String logs = jobs + "/queried/logs";

    assertProblem(http.get(logs + "?tail=0"), 400, "invalid_tail");
    assertProblem(http.get(logs + "?tail=10001"), 400, "invalid_tail");
    assertProblem(http.get(logs + "?limit=0"), 400, "invalid_limit");
    assertProblem(http.get(logs + "?after=-1"), 400, "invalid_after");
    assertProblem(http.get(logs + "?tail=5&after=1"), 400, "invalid_query");
    assertProblem(http.get(logs + "/stream?after=-1"), 400, "invalid_after");
    TestHttp.Response badId =
        TestHttp.onPort(port)
            .withHeaders(TestIdentities.admin())
            .withHeaders(java.util.Map.of("Last-Event-ID", "yesterday"))
            .get(logs + "/stream");
    assertProblem(badId, 400, "invalid_last_event_id");
  }

  @Test
  void followsTheLogUntilTheRunEnds() {
    createRun("followed");
    String logs = jobs + "/followed/logs";
    http.postJson(jobs + "/followed/status", "{\"status\":\"Running\"}");
    append(logs, "stdout", "before 1", "before 2");
    Follower follower = follow(logs + "/stream", null);

    await().atMost(Duration.ofSeconds(20)).until(() -> follower.lines().size() == 2);
    append(logs, "stderr", "during 1");
    append(logs, "stdout", "during 2");
    await().atMost(Duration.ofSeconds(20)).until(() -> follower.lines().size() == 4);
    assertThat(follower.done()).isNotDone();
    append(logs, "stdout", "last words");
    http.postJson(jobs + "/followed/status", "{\"status\":\"Completed\"}");

    await().atMost(Duration.ofSeconds(20)).until(() -> follower.done().isDone());
    assertThat(follower.lines())
        .extracting(e -> e.data().get("line").asString())
        .containsExactly("before 1", "before 2", "during 1", "during 2", "last words");
    assertThat(follower.lines().get(2).data().get("stream").asString()).isEqualTo("stderr");
    assertThat(follower.lines().get(2).data().get("time").asString()).isNotBlank();
    assertThat(follower.lines()).extracting(Event::id).isSorted().doesNotHaveDuplicates();
    assertThat(follower.end()).isNotNull();
    assertThat(follower.end().data().get("status").asString()).isEqualTo("Completed");
    assertThat(follower.contentType()).startsWith("text/event-stream");
  }

  @Test
  void resumesFromLastEventId() {
    createRun("resumed");
    String logs = jobs + "/resumed/logs";
    append(logs, "stdout", "one", "two", "three");
    http.postJson(jobs + "/resumed/status", "{\"status\":\"Failed\"}");
    long first = http.get(logs + "?limit=1").json().get("next").asLong();

    Follower fromHeader = follow(logs + "/stream?after=0", Long.toString(first));
    Follower fromQuery = follow(logs + "/stream?after=" + first, null);

    await().atMost(Duration.ofSeconds(20)).until(() -> fromHeader.done().isDone());
    await().atMost(Duration.ofSeconds(20)).until(() -> fromQuery.done().isDone());
    for (Follower follower : List.of(fromHeader, fromQuery)) {
      assertThat(follower.lines())
          .extracting(e -> e.data().get("line").asString())
          .containsExactly("two", "three");
      assertThat(follower.end().data().get("status").asString()).isEqualTo("Failed");
    }
  }

  private void createRun(String name) {
    assertThat(http.postJson(jobs, "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
  }

  private TestHttp.Response append(String logs, String stream, String... lines) {
    return appendAll(logs, stream, List.of(lines));
  }

  private TestHttp.Response appendAll(String logs, String stream, List<String> lines) {
    return http.postJson(
        logs, JSON.writeValueAsString(java.util.Map.of("stream", stream, "lines", lines)));
  }

  private int lineCount() {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from run_log l join run r on l.run_id = r.id"
                + " join known_workspace w on r.workspace_id = w.id where w.name = ?",
            Integer.class,
            workspace);
  }

  private static void assertProblem(TestHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("code").asString()).isEqualTo(code);
  }

  /** Opens a follow stream and collects its events as they arrive, on the client's threads. */
  private Follower follow(String path, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/event-stream");
    TestIdentities.admin().forEach(request::header);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    Follower follower = new Follower();
    follower.response =
        CLIENT
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
            .thenApply(
                response -> {
                  follower.contentType = response.headers().firstValue("Content-Type").orElse("");
                  follower.parse(response.body());
                  return response.statusCode();
                });
    return follower;
  }

  record Event(long id, String name, JsonNode data) {}

  /** The events of one follow stream, parsed from the SSE text format. */
  static final class Follower {
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Integer> response;
    private volatile String contentType;

    void parse(Stream<String> lines) {
      String id = null;
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (name != null) {
            events.add(
                new Event(
                    id == null ? -1 : Long.parseLong(id), name, JSON.readTree(data.toString())));
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        }
      }
    }

    List<Event> lines() {
      return events.stream().filter(e -> e.name().equals("line")).toList();
    }

    Event end() {
      return events.stream().filter(e -> e.name().equals("end")).findFirst().orElse(null);
    }

    CompletableFuture<Integer> done() {
      return response;
    }

    String contentType() {
      return contentType;
    }
  }
}
