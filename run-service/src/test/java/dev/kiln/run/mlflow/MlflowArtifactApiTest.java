package dev.kiln.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Role;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** MLflow's artifacts proxy: the requests of {@code log_artifact(s)} and downloads, and attacks. */
@RunServiceTest
class MlflowArtifactApiTest {

  static final String SECRET = "the-other-workspace-secret";

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ObjectStore objects;

  TestHttp http;
  Map<String, String> admin;
  String workspace;
  String artifacts;
  String runId;
  String root;

  @BeforeEach
  void setUp() {
    admin = TestIdentities.admin();
    http = TestHttp.onPort(port).withHeaders(admin);
    workspace = TestWorkspaces.create(dataSource, "mlflow-art");
    artifacts = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow-artifacts";
    runId = startRun(workspace);
    root = "0/" + runId + "/artifacts";
  }

  private String startRun(String inWorkspace) {
    var created =
        http.postJson(
            "/mlflow/workspaces/" + inWorkspace + "/api/2.0/mlflow/runs/create",
            "{\"experiment_id\": \"0\", \"user_id\": \"root\", \"start_time\": 1, \"tags\": []}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    return created.json().at("/run/info/run_id").asString();
  }

  private int put(String path, byte[] content, String contentType) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + artifacts + "/artifacts/" + path))
              .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
              .header("Content-Type", contentType);
      admin.forEach(request::header);
      return HttpClient.newHttpClient()
          .send(request.build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private byte[] get(String path) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + artifacts + "/artifacts/" + path));
      admin.forEach(request::header);
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Map<String, JsonNode> list(String path) {
    var listed = http.get(artifacts + "/artifacts?path=" + path.replace("/", "%2F"));
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    Map<String, JsonNode> files = new HashMap<>();
    if (listed.json().has("files")) {
      listed.json().get("files").forEach(f -> files.put(f.get("path").asString(), f));
    }
    return files;
  }

  @Test
  void logArtifactsUploadsListsAndDownloadsAsTheClientDoes() {
    assertThat(put(root + "/notes.txt", "hello from mlflow\n".getBytes(), "text/plain"))
        .isEqualTo(200);
    assertThat(put(root + "/reports/a.json", "{\"a\": 1}".getBytes(), "text/plain")).isEqualTo(200);
    assertThat(put(root + "/reports/deep/b.txt", "b".getBytes(), "text/plain")).isEqualTo(200);

    Map<String, JsonNode> top = list(root);
    assertThat(top).containsOnlyKeys("notes.txt", "reports");
    assertThat(top.get("notes.txt").get("file_size").asLong()).isEqualTo(18);
    assertThat(top.get("notes.txt").get("is_dir").asBoolean()).isFalse();
    assertThat(top.get("reports").get("is_dir").asBoolean()).isTrue();
    assertThat(top.get("reports").has("file_size")).isFalse();
    assertThat(list(root + "/reports")).containsOnlyKeys("a.json", "deep");
    assertThat(list(root + "/reports/deep")).containsOnlyKeys("b.txt");
    assertThat(list(root + "/notes.txt")).isEmpty();
    assertThat(list(root + "/nothing-here")).isEmpty();
    assertThat(new String(get(root + "/notes.txt"))).isEqualTo("hello from mlflow\n");

    var missing = http.get(artifacts + "/artifacts/" + root + "/model");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

    JsonNode job =
        http.get("/api/v1/workspaces/" + workspace + "/jobs/" + runId + "/artifacts?path=reports")
            .json();
    assertThat(job.toString()).contains("reports/a.json");
  }

  @Test
  void streamsLargeBinaryUploadsWhole() {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    assertThat(put(root + "/model.bin", content, "application/octet-stream")).isEqualTo(200);
    assertThat(Arrays.equals(get(root + "/model.bin"), content)).isTrue();
  }

  @Test
  void deletesFilesAndFolders() {
    put(root + "/keep.txt", "k".getBytes(), "text/plain");
    put(root + "/old/a.txt", "a".getBytes(), "text/plain");
    put(root + "/old/b/c.txt", "c".getBytes(), "text/plain");
    assertThat(http.delete(artifacts + "/artifacts/" + root + "/old").status()).isEqualTo(200);
    assertThat(list(root)).containsOnlyKeys("keep.txt");
    assertThat(http.delete(artifacts + "/artifacts/" + root + "/keep.txt").status()).isEqualTo(200);
    assertThat(list(root)).isEmpty();
    put(root + "/x/y.txt", "y".getBytes(), "text/plain");
    put(root + "/z.txt", "z".getBytes(), "text/plain");
    // delete_artifacts() with no path: the client asks for the root with a trailing slash.
    assertThat(http.delete(artifacts + "/artifacts/" + root + "/").status()).isEqualTo(200);
    assertThat(list(root)).isEmpty();
  }

  @Test
  void refusesPathsOutsideARunOrInTheWrongExperimentAndWritesNothing() {
    int before = objects.list("").size();
    String wrongExperiment = "00000000-0000-0000-0000-000000000000/" + runId + "/artifacts/x.txt";
    assertThat(put(wrongExperiment, "x".getBytes(), "text/plain")).isEqualTo(404);
    assertThat(put("0/no-such-run/artifacts/x.txt", "x".getBytes(), "text/plain")).isEqualTo(404);
    assertThat(put("0/" + runId + "/x.txt", "x".getBytes(), "text/plain")).isEqualTo(404);
    assertThat(put(root, "x".getBytes(), "text/plain")).isEqualTo(400);
    var listRoot = http.get(artifacts + "/artifacts?path=");
    assertThat(listRoot.status()).isEqualTo(400);
    http.postJson(
        "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow/runs/delete",
        "{\"run_id\": \"" + runId + "\"}");
    assertThat(put(root + "/late.txt", "x".getBytes(), "text/plain")).isEqualTo(400);
    assertThat(objects.list("")).hasSize(before);
  }

  @Test
  void readersDownloadButDoNotUpload() {
    put(root + "/notes.txt", "n".getBytes(), "text/plain");
    int before = objects.list("").size();
    var reader =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("r3", workspace, Role.READER));
    assertThat(reader.get(artifacts + "/artifacts/" + root + "/notes.txt").status()).isEqualTo(200);
    var refused =
        reader.send("PUT", artifacts + "/artifacts/" + root + "/x.txt", "text/plain", "x");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("error_code").asString()).isEqualTo("PERMISSION_DENIED");
    assertThat(reader.delete(artifacts + "/artifacts/" + root + "/notes.txt").status())
        .isEqualTo(403);
    assertThat(objects.list("")).hasSize(before);
  }

  /**
   * Every spelling of a climb out of the run, on every route of the proxy, is a 4xx that reads and
   * writes nothing: the secret of a run in another workspace never shows, and no object appears.
   */
  @Test
  void refusesEveryTraversalTrickOnEveryRoute() {
    String other = TestWorkspaces.create(dataSource, "victim");
    String victim = startRun(other);
    objects.put("runs/" + runUuid(other, victim) + "/artifacts/secret.txt", SECRET.getBytes());
    put(root + "/notes.txt", "n".getBytes(), "text/plain");
    String base = artifacts + "/artifacts/";
    List<String> tricks =
        List.of(
            root + "/../../" + victim + "/artifacts/secret.txt",
            root + "/../../../../../../../../mlflow/workspaces/" + other + "/secret.txt",
            root + "/reports/..",
            root + "/%2e%2e/%2e%2e/" + victim + "/artifacts/secret.txt",
            root + "/%2E%2E%2Fsecret.txt",
            root + "/%252e%252e/%252e%252e/secret.txt",
            root + "/..%5c..%5csecret.txt",
            root + "/..\\..\\secret.txt",
            root + "/notes.txt;jsessionid=x",
            root + ";x=y/notes.txt",
            root + "/notes.txt%23frag",
            root + "/notes.txt#frag",
            root + "//proc/self/root/etc/passwd",
            "/etc/passwd",
            "/" + root + "/notes.txt",
            root + "/./notes.txt",
            root + "/%00notes.txt");
    int before = objects.list("").size();
    for (String trick : tricks) {
      for (String[] route :
          new String[][] {
            {"GET", base + trick, null},
            {"PUT", base + trick, "{\"x\": 1}"},
            {"DELETE", base + trick, null},
            {
              "POST",
              artifacts + "/mpu/create/" + trick,
              "{\"path\": \"/tmp/big.bin\", \"num_parts\": 1}"
            },
            {
              "POST",
              artifacts + "/mpu/complete/" + trick,
              "{\"path\": \"/tmp/big.bin\", \"upload_id\": \"u1\", \"parts\": [{\"part_number\": 1,"
                  + " \"etag\": \"e\"}]}"
            },
            {
              "POST",
              artifacts + "/mpu/abort/" + trick,
              "{\"path\": \"/tmp/big.bin\", \"upload_id\": \"u1\"}"
            }
          }) {
        RawHttp.Response response = RawHttp.send(port, route[0], route[1], admin, route[2]);
        assertThat(response.status()).as(route[0] + " " + route[1]).isBetween(400, 499);
        assertThat(response.text()).as(route[1]).doesNotContain(SECRET);
      }
    }
    for (String query :
        List.of(
            "../../" + victim + "/artifacts",
            root + "/../../" + victim + "/artifacts",
            "/etc",
            root + "/%2e%2e",
            root + "/..%2F..",
            root + "\\..",
            root + "//proc")) {
      String encoded = java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
      RawHttp.Response response =
          RawHttp.send(
              port, "GET", base.substring(0, base.length() - 1) + "?path=" + encoded, admin, null);
      assertThat(response.status()).as(query).isBetween(400, 499);
      assertThat(response.text()).doesNotContain("secret.txt");
    }
    // The client names the uploaded file by its local path; only the last segment counts.
    for (String fileName :
        List.of("..", "/tmp/..", "c:\\\\tmp\\\\..", "a;b", "%2e%2e", "a\\u0000b")) {
      RawHttp.Response response =
          RawHttp.send(
              port,
              "POST",
              artifacts + "/mpu/create/" + root,
              admin,
              "{\"path\": \"" + fileName + "\", \"num_parts\": 1}");
      assertThat(response.status()).as(fileName).isBetween(400, 499);
    }
    assertThat(objects.list("")).hasSize(before);
    assertThat(new String(get(root + "/notes.txt"))).isEqualTo("n");
  }

  private String runUuid(String inWorkspace, String name) {
    return new org.springframework.jdbc.core.JdbcTemplate(dataSource)
        .queryForObject(
            "select r.id::text from run r join known_workspace w on r.workspace_id = w.id"
                + " where w.name = ? and r.name = ?",
            String.class,
            inWorkspace,
            name);
  }

  @Test
  void multipartUploadsGoStraightToTheStoreInParts() throws Exception {
    var info = http.get("/mlflow/workspaces/" + workspace + "/api/3.0/mlflow/server-info").json();
    assertThat(info.get("multipart_uploads_enabled").asBoolean()).isTrue();
    byte[] content = new byte[5 * 1024 * 1024 + 100];
    new Random(3).nextBytes(content);
    var created =
        http.postJson(
            artifacts + "/mpu/create/" + root + "/weights",
            "{\"path\": \"/home/me/big.bin\", \"num_parts\": 2}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode credentials = created.json().get("credentials");
    assertThat(credentials).hasSize(2);
    String uploadId = created.json().get("upload_id").asString();
    StringBuilder parts = new StringBuilder();
    int chunk = 5 * 1024 * 1024;
    for (int i = 0; i < 2; i++) {
      byte[] part =
          Arrays.copyOfRange(content, i * chunk, Math.min(content.length, (i + 1) * chunk));
      HttpResponse<Void> uploaded =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(credentials.get(i).get("url").asString()))
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(part))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(uploaded.statusCode()).isEqualTo(200);
      parts
          .append(i == 0 ? "" : ", ")
          .append("{\"part_number\": ")
          .append(i + 1)
          .append(", \"etag\": ")
          .append(
              tools.jackson.databind.json.JsonMapper.builder()
                  .build()
                  .writeValueAsString(uploaded.headers().firstValue("ETag").orElseThrow()))
          .append(", \"url\": \"u\"}");
    }
    var completed =
        http.postJson(
            artifacts + "/mpu/complete/" + root + "/weights",
            "{\"path\": \"/home/me/big.bin\", \"upload_id\": \""
                + uploadId
                + "\", \"parts\": ["
                + parts
                + "]}");
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    assertThat(Arrays.equals(get(root + "/weights/big.bin"), content)).isTrue();

    var aborted =
        http.postJson(
            artifacts + "/mpu/create/" + root,
            "{\"path\": \"c:\\\\data\\\\x.bin\", \"num_parts\": 1}");
    String abortId = aborted.json().get("upload_id").asString();
    assertThat(
            http.postJson(
                    artifacts + "/mpu/abort/" + root,
                    "{\"path\": \"c:\\\\data\\\\x.bin\", \"upload_id\": \"" + abortId + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(list(root)).doesNotContainKey("x.bin");
    var again =
        http.postJson(
            artifacts + "/mpu/abort/" + root,
            "{\"path\": \"c:\\\\data\\\\x.bin\", \"upload_id\": \"" + abortId + "\"}");
    assertThat(again.status()).isEqualTo(404);
  }
}
