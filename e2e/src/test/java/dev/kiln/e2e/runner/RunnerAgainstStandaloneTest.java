package dev.kiln.e2e.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.cli.RunningPlatform;
import dev.kiln.runner.RunnerScript;
import dev.kiln.standalone.StandalonePlatform;
import dev.kiln.testsupport.TestHttp;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner ({@code kiln_runner.py}, as packaged in the runner jar) as a real process against the
 * standalone platform: it downloads a code snapshot and workspaceblobstore inputs, runs the
 * command, and its logs, system metrics and outputs end up in the run. The admin token stands in
 * for a run token, and no heartbeat route is needed: the runner carries on when heartbeats fail.
 */
class RunnerAgainstStandaloneTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final long RUNNER_TIMEOUT_SECONDS = 180;

  static final String TRAIN_PY =
      """
      import os, sys, time
      table, imgs, model, code = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
      with open(table, encoding="utf-8") as f:
          print("input:", f.read().strip())
      print("images:", ",".join(sorted(os.listdir(imgs))))
      print("héllo wörld ✓ 日本")
      print("careful: disk is slow", file=sys.stderr)
      with open(os.path.join("outputs", "a.txt"), "w") as f:
          f.write("outputs of the run")
      with open(os.path.join(model, "weights.bin"), "wb") as f:
          f.write(bytes(range(256)))
      time.sleep(1.5)
      sys.exit(code)
      """;

  @TempDir Path work;

  static StandalonePlatform platform;
  static TestHttp kiln;
  static String token;
  static String workspace;
  static String snapshotId;
  static Path runner;

  @BeforeAll
  static void workspaceWithCodeAndData(@TempDir Path files) throws IOException {
    platform = RunningPlatform.get();
    token = Files.readString(platform.settings().adminToken()).strip();
    kiln =
        TestHttp.onPort(platform.settings().port())
            .withHeaders(Map.of("Authorization", "Bearer " + token));
    workspace = "runner-" + UUID.randomUUID().toString().substring(0, 8);
    var created = kiln.postJson("/api/v1/workspaces", "{\"name\": \"" + workspace + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    snapshotId = uploadSnapshot("train.py", TRAIN_PY.getBytes(StandardCharsets.UTF_8));
    putBytes(
        datastoreFile("data/wine.csv"),
        "alcohol,quality\n12.8,6\n".getBytes(StandardCharsets.UTF_8));
    putBytes(datastoreFile("imgs/cat.png"), new byte[] {1, 2, 3});
    putBytes(datastoreFile("imgs/deep/dog.png"), new byte[] {4, 5});

    runner = files.resolve(RunnerScript.FILE_NAME);
    Files.write(runner, RunnerScript.bytes());
  }

  @Test
  void runsTheCommandWithItsInputsAndReportsLogsMetricsAndOutputs() throws Exception {
    String run = createTrackingRun();

    Finished finished = runRunner(run, 0);

    assertThat(finished.exitCode()).as(finished.output()).isZero();
    List<String> stdout = logLines(run, "stdout");
    assertThat(stdout)
        .containsSubsequence(
            "input: alcohol,quality", "12.8,6", "images: cat.png,deep", "héllo wörld ✓ 日本");
    assertThat(logLines(run, "stderr")).containsExactly("careful: disk is slow");
    assertThat(logLines(run, "system"))
        .anyMatch(line -> line.startsWith("Code snapshot " + snapshotId))
        .anyMatch(line -> line.equals("Command exited with 0"));

    JsonNode metrics = get("/jobs/" + run + "/metrics").get("metrics");
    List<String> keys = new ArrayList<>();
    metrics.forEach(m -> keys.add(m.get("key").asString()));
    assertThat(keys)
        .contains(
            "system/cpu_utilization_percentage",
            "system/memory_usage_megabytes",
            "system/run_duration_seconds");
    assertThat(metrics)
        .filteredOn(m -> m.get("key").asString().equals("system/run_duration_seconds"))
        .singleElement()
        .satisfies(m -> assertThat(m.get("value").asDouble()).isGreaterThanOrEqualTo(1.5));

    assertThat(artifact(run, "outputs/a.txt"))
        .isEqualTo("outputs of the run".getBytes(StandardCharsets.UTF_8));
    byte[] weights = new byte[256];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (byte) i;
    }
    assertThat(artifact(run, "named-outputs/model/weights.bin")).isEqualTo(weights);
    assertThat(Files.readAllBytes(work.resolve("inputs/imgs/deep/dog.png")))
        .isEqualTo(new byte[] {4, 5});
  }

  @Test
  void exitsWithTheCommandsExitCodeAndStillUploadsItsOutputs() throws Exception {
    String run = createTrackingRun();

    Finished finished = runRunner(run, 3);

    assertThat(finished.exitCode()).as(finished.output()).isEqualTo(3);
    assertThat(logLines(run, "system")).contains("Command exited with 3");
    assertThat(artifact(run, "outputs/a.txt"))
        .isEqualTo("outputs of the run".getBytes(StandardCharsets.UTF_8));
  }

  record Finished(int exitCode, String output) {}

  /** Starts the runner as a workload would and waits for it to end. */
  private Finished runRunner(String run, int exitCode) throws Exception {
    Path code = work.resolve("code");
    String api = "http://127.0.0.1:" + platform.settings().port();
    String urls =
        api + "/api/v1/workspaces/" + workspace + "/datastores/workspaceblobstore/download-urls";
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put(
        "command",
        "python3 train.py %s %s %s %d"
            .formatted(
                work.resolve("inputs/table/wine.csv"),
                work.resolve("inputs/imgs"),
                work.resolve("outputs/model"),
                exitCode));
    plan.put("snapshotId", snapshotId);
    plan.put("codeDir", code.toString());
    plan.put(
        "inputs",
        List.of(
            Map.of(
                "name",
                "table",
                "type",
                "uri_file",
                "filesUrl",
                urls + "?path=data/wine.csv",
                "target",
                work.resolve("inputs/table/wine.csv").toString()),
            Map.of(
                "name",
                "imgs",
                "type",
                "uri_folder",
                "filesUrl",
                urls + "?prefix=imgs/",
                "prefix",
                "imgs/",
                "target",
                work.resolve("inputs/imgs").toString())));
    plan.put(
        "outputs",
        List.of(
            Map.of(
                "name", "model",
                "type", "uri_folder",
                "source", work.resolve("outputs/model").toString())));
    plan.put("processes", Map.of("type", "none", "perInstance", 1, "worldSize", 1));
    plan.put("heartbeatSeconds", 1);
    plan.put("metricsSeconds", 0.5);

    ProcessBuilder builder =
        new ProcessBuilder("python3", runner.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("runner.log").toFile());
    Map<String, String> environment = builder.environment();
    environment.put("KILN_API_URL", api);
    environment.put("KILN_WORKSPACE", workspace);
    environment.put("KILN_RUN_ID", run);
    environment.put("KILN_RUN_TOKEN", token);
    environment.put("KILN_ATTEMPT", "1");
    environment.put("KILN_WORK_DIR", work.toString());
    environment.put("KILN_PLAN", JSON.writeValueAsString(plan));
    environment.put("PYTHONIOENCODING", "utf-8");
    Process process = builder.start();
    boolean ended = process.waitFor(RUNNER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String output = Files.readString(work.resolve("runner.log"));
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the runner ended; its output:%n%s", output).isTrue();
    return new Finished(process.exitValue(), output);
  }

  private static String createTrackingRun() {
    String name = "runner_" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        kiln.postJson(
            "/api/v1/workspaces/" + workspace + "/jobs",
            "{\"name\": \"%s\", \"experimentName\": \"runner-e2e\", \"status\": \"Running\"}"
                .formatted(name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return name;
  }

  private static List<String> logLines(String run, String stream) {
    List<String> lines = new ArrayList<>();
    get("/jobs/" + run + "/logs?limit=10000")
        .get("lines")
        .forEach(
            line -> {
              if (line.get("stream").asString().equals(stream)) {
                lines.add(line.get("line").asString());
              }
            });
    return lines;
  }

  private static JsonNode get(String path) {
    var response = kiln.get("/api/v1/workspaces/" + workspace + path);
    assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
    return response.json();
  }

  private static byte[] artifact(String run, String path) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            request("/api/v1/workspaces/" + workspace + "/jobs/" + run + "/artifacts/" + path)
                .GET()
                .build(),
            BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  /** Uploads a one-file snapshot the way the CLI does: missing blobs, then the manifest. */
  private static String uploadSnapshot(String path, byte[] content) {
    String sha256 = sha256(content);
    String manifest =
        JSON.writeValueAsString(
            Map.of(
                "files", List.of(Map.of("path", path, "sha256", sha256, "size", content.length))));
    String base = "/api/v1/workspaces/" + workspace + "/snapshots";
    var missing = kiln.postJson(base + "/missing", manifest);
    assertThat(missing.status()).as(missing.body()).isEqualTo(200);
    putBytes(base + "/blobs/" + sha256, content);
    var committed = kiln.postJson(base, manifest);
    assertThat(committed.status()).as(committed.body()).isIn(200, 201);
    return committed.json().get("id").asString();
  }

  private static String datastoreFile(String path) {
    return "/api/v1/workspaces/" + workspace + "/datastores/workspaceblobstore/files/" + path;
  }

  private static void putBytes(String path, byte[] content) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              request(path)
                  .header("Content-Type", "application/octet-stream")
                  .PUT(BodyPublishers.ofByteArray(content))
                  .build(),
              BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + " " + response.body()).isIn(200, 201);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + platform.settings().port() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
