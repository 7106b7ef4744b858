package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.e2e.cli.RunningPlatform.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kiln job} and {@code kiln metric} against the real standalone platform: a job made through
 * the REST API (metrics, params, tags, log lines and artifacts included) is listed, shown,
 * followed, downloaded and canceled with the CLI.
 */
class JobCommandsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path downloads;

  static String workspace;

  @BeforeAll
  static void createWorkspace() {
    workspace = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
    Run created = RunningPlatform.kiln("workspace", "create", workspace);
    assertThat(created.exitCode()).as(created.err()).isZero();
  }

  @Test
  void listsAndShowsAJobWithItsParamsTagsAndLatestMetrics() {
    String job = createRunningJob("mnist");
    post(
        job + "/batch",
        """
        {"metrics": [{"key": "loss", "value": 0.9, "step": 0, "timestamp": 1795428000000},
                     {"key": "loss", "value": 0.5, "step": 1, "timestamp": 1795428001000},
                     {"key": "loss", "value": 0.25, "step": 2, "timestamp": 1795428002000},
                     {"key": "system/cpu", "value": 42, "step": 0, "timestamp": 1795428000000}],
         "params": [{"key": "lr", "value": "0.01"}],
         "tags": [{"key": "team", "value": "vision"}]}
        """);

    Run listed = kiln("job", "list", "--experiment", "mnist", "--status", "running");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out().lines().findFirst().orElseThrow())
        .startsWith("NAME")
        .contains("DISPLAY NAME", "EXPERIMENT", "STATUS", "CREATED", "DURATION");
    assertThat(listed.out()).contains(job, "mnist", "Running");

    Run shown = kiln("job", "show", job);
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("TAG", "team", "vision", "PARAM", "lr", "0.01", "METRIC");
    JsonNode json = json(kiln("job", "show", job, "-o", "json"));
    assertThat(json.get("name").asString()).isEqualTo(job);
    assertThat(json.get("params").get("lr").asString()).isEqualTo("0.01");
    assertThat(json.get("metrics"))
        .anySatisfy(
            metric -> {
              assertThat(metric.get("key").asString()).isEqualTo("loss");
              assertThat(metric.get("value").asDouble()).isEqualTo(0.25);
              assertThat(metric.get("step").asLong()).isEqualTo(2);
            });

    Run latest = kiln("metric", "show", job);
    assertThat(latest.exitCode()).as(latest.err()).isZero();
    assertThat(latest.out()).contains("loss", "0.25", "system/cpu", "42");
    Run history = kiln("metric", "show", job, "loss");
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out().lines())
        .containsExactly(
            "STEP   TIMESTAMP              VALUE",
            "0      2026-11-23T10:00:00Z   0.9",
            "1      2026-11-23T10:00:01Z   0.5",
            "2      2026-11-23T10:00:02Z   0.25");
    assertThat(json(kiln("metric", "show", job, "loss", "--limit", "2", "-o", "json"))).hasSize(2);
    JsonNode cpu = json(kiln("metric", "show", job, "system/cpu", "--points", "10", "-o", "json"));
    assertThat(cpu)
        .singleElement()
        .satisfies(p -> assertThat(p.get("value").asDouble()).isEqualTo(42));
  }

  @Test
  void streamsTheLogUntilAnotherThreadCompletesTheJob() {
    String job = createRunningJob("streaming");
    appendLog(job, "stdout", "epoch 1", "epoch 2");
    appendLog(job, "stderr", "warning: slow disk");

    CompletableFuture<Run> stream = CompletableFuture.supplyAsync(() -> kiln("job", "stream", job));
    appendLog(job, "stdout", "epoch 3");
    post(job + "/status", "{\"status\": \"Completed\"}");

    await().atMost(Duration.ofSeconds(60)).until(stream::isDone);
    Run streamed = stream.join();
    assertThat(streamed.exitCode()).as(streamed.err()).isZero();
    assertThat(streamed.out()).isEqualTo("epoch 1\nepoch 2\nepoch 3\n");
    assertThat(streamed.err())
        .contains("warning: slow disk")
        .endsWith("Job '" + job + "' completed.\n");
  }

  @Test
  void endsTheStreamOfAFailedJobWithItsErrorAndExitOne() {
    String job = createRunningJob("failing");
    appendLog(job, "stderr", "Traceback (most recent call last):");
    post(
        job + "/status",
        "{\"status\": \"Failed\", \"error\": {\"code\": \"oom\", \"message\": \"Out of memory\"}}");

    Run streamed = kiln("job", "stream", job);

    assertThat(streamed.exitCode()).isEqualTo(1);
    assertThat(streamed.err())
        .contains("Traceback (most recent call last):")
        .endsWith("kiln: job '" + job + "' failed: Out of memory (oom)\n");
  }

  @Test
  void cancelsAJobSoItsStreamEndsWithExitOne() {
    String job = createRunningJob("canceling");

    Run canceled = kiln("job", "cancel", job, "-o", "json");
    assertThat(canceled.exitCode()).as(canceled.err()).isZero();
    assertThat(json(canceled).get("status").asString()).isEqualTo("Canceled");

    Run streamed = kiln("job", "stream", job);
    assertThat(streamed.exitCode()).isEqualTo(1);
    assertThat(streamed.err()).contains("kiln: job '" + job + "' was canceled");
    Run again = kiln("job", "cancel", job);
    assertThat(again.exitCode()).isZero();
  }

  @Test
  void downloadsTheArtifactsKeepingTheirPaths() throws IOException {
    String job = createRunningJob("artifacts");
    putArtifact(job, "outputs/model/weights.bin", "weights");
    putArtifact(job, "outputs/notes.txt", "notes");
    putArtifact(job, "metrics.json", "{}");

    Path all = downloads.resolve("all");
    Run everything = kiln("job", "download", job, "--download-path", all.toString());
    assertThat(everything.exitCode()).as(everything.err()).isZero();
    assertThat(all.resolve("outputs/model/weights.bin")).hasContent("weights");
    assertThat(all.resolve("outputs/notes.txt")).hasContent("notes");
    assertThat(all.resolve("metrics.json")).hasContent("{}");

    Path some = downloads.resolve("some");
    Run outputs =
        kiln("job", "download", job, "--path", "outputs/model", "--download-path", some.toString());
    assertThat(outputs.exitCode()).as(outputs.err()).isZero();
    try (var files = Files.walk(some)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> some.relativize(p).toString()))
          .containsExactly("outputs/model/weights.bin");
    }

    Path one = downloads.resolve("one");
    Run file =
        kiln(
            "job",
            "download",
            job,
            "--path",
            "outputs/notes.txt",
            "--download-path",
            one.toString());
    assertThat(file.exitCode()).as(file.err()).isZero();
    assertThat(one.resolve("outputs/notes.txt")).hasContent("notes");

    Run missing =
        kiln(
            "job",
            "download",
            job,
            "--path",
            "nothing",
            "--download-path",
            downloads.resolve("x").toString());
    assertThat(missing.exitCode()).isEqualTo(5);
    assertThat(downloads.resolve("x")).doesNotExist();
  }

  @Test
  void showsTheComputeAndAttemptsOfASubmittedJob() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kiln("compute", "show", "local").exitCode() == 0);
    JsonNode submitted =
        send(
            "POST",
            "",
            "{\"command\": \"echo hi\", \"environment\": \"azureml:kiln-minimal@latest\","
                + " \"compute\": \"azureml:local\"}",
            "application/json",
            201);
    String job = submitted.get("name").asString();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String status = json(kiln("job", "show", job, "-o", "json")).get("status").asString();
              assertThat(status).as("status of job " + job).isNotIn("Failed", "Canceled");
              return status.equals("Completed");
            });

    Run shown = kiln("job", "show", job);

    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .containsPattern("(?m)^compute:\\s+local$")
        .containsPattern("(?m)^queue:\\s+ended \\(completed\\)")
        .containsPattern("(?m)^attempt 1:\\s+\\S+, completed, exit code 0$");
    JsonNode execution = json(kiln("job", "show", job, "-o", "json")).get("execution");
    assertThat(execution.get("compute").asString()).isEqualTo("local");
    assertThat(execution.get("attempts").get(0).get("outcome").asString()).isEqualTo("completed");
  }

  @Test
  void showsNoExecutionForATrackingOnlyJob() {
    String job = createRunningJob("tracking");

    Run shown = kiln("job", "show", job);

    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out()).contains(job).doesNotContain("queue:").doesNotContain("attempt");
    JsonNode json = json(kiln("job", "show", job, "-o", "json"));
    assertThat(json.get("name").asString()).isEqualTo(job);
    assertThat(json.get("execution").isNull()).as(json.toString()).isTrue();
  }

  @Test
  void reportsAnUnknownJobAsNotFound() {
    Run shown = kiln("job", "show", "no-such-job");

    assertThat(shown.exitCode()).isEqualTo(5);
    assertThat(shown.err().strip().lines()).hasSize(1);
  }

  /** {@code kiln -w <workspace> args...} as the administrator. */
  static Run kiln(String... args) {
    List<String> all = new ArrayList<>(List.of("-w", workspace));
    all.addAll(List.of(args));
    return RunningPlatform.kiln(all.toArray(String[]::new));
  }

  static JsonNode json(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  /** A new job in {@code experiment}, already Running; its name. */
  static String createRunningJob(String experiment) {
    String name = "job_" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode created =
        send(
            "POST",
            "",
            "{\"name\": \"%s\", \"displayName\": \"e2e\", \"experimentName\": \"%s\", \"status\": \"Running\"}"
                .formatted(name, experiment),
            "application/json",
            201);
    assertThat(created.get("status").asString()).isEqualTo("Running");
    return name;
  }

  static void appendLog(String job, String stream, String... lines) {
    post(job + "/logs", JSON.writeValueAsString(Map.of("stream", stream, "lines", List.of(lines))));
  }

  static void putArtifact(String job, String path, String content) {
    send("PUT", "/" + job + "/artifacts/" + path, content, "application/octet-stream", -1);
  }

  static JsonNode post(String path, String json) {
    return send("POST", "/" + path, json, "application/json", 200);
  }

  /** A request to {@code /jobs<path>} of the workspace as the administrator. */
  static JsonNode send(String method, String path, String body, String type, int expected) {
    try {
      String token = Files.readString(RunningPlatform.get().settings().adminToken()).strip();
      URI uri =
          URI.create(
              RunningPlatform.get().gatewayUrl()
                  + "/api/v1/workspaces/"
                  + workspace
                  + "/jobs"
                  + path);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", type)
              .method(method, BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> response = HTTP.send(request, BodyHandlers.ofString());
      if (expected > 0) {
        assertThat(response.statusCode())
            .as(method + " " + path + ": " + response.body())
            .isEqualTo(expected);
      } else {
        assertThat(response.statusCode() / 100)
            .as(method + " " + path + ": " + response.body())
            .isEqualTo(2);
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
