package dev.kiln.run.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.auth.Role;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.storage.FileSystemObjectStore;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.run.RunStorage;
import dev.kiln.run.workspace.Workspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RunServiceTest
class ArtifactApiTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ObjectStore objects;
  @Autowired RunService runs;
  @Autowired Workspaces workspaces;

  TestHttp http;
  String workspace;
  String jobs;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "artifacts");
    jobs = "/api/v1/workspaces/" + workspace + "/jobs";
  }

  @Test
  void uploadsDownloadsAndListsArtifactsLikeMlflow() {
    UUID runId = createRun("listed");
    String artifacts = jobs + "/listed/artifacts";
    upload(artifacts + "/outputs/model.pkl", "weights");
    upload(artifacts + "/outputs/deep/notes.txt", "notes");
    upload(artifacts + "/metrics.json", "{\"loss\": 0.1}");
    upload(artifacts + "/outputs.txt", "a file beside the folder");

    JsonNode root = http.get(artifacts).json();
    assertThat(root.get("path").asString()).isEmpty();
    assertThat(root.get("files").toString())
        .isEqualTo(
            "[{\"path\":\"metrics.json\",\"isDir\":false,\"size\":13},"
                + "{\"path\":\"outputs\",\"isDir\":true},"
                + "{\"path\":\"outputs.txt\",\"isDir\":false,\"size\":24}]");
    assertThat(http.get(artifacts + "?path=outputs").json().get("files").toString())
        .isEqualTo(
            "[{\"path\":\"outputs/deep\",\"isDir\":true},"
                + "{\"path\":\"outputs/model.pkl\",\"isDir\":false,\"size\":7}]");
    assertThat(http.get(artifacts + "?path=outputs&recursive=true").json().get("files"))
        .extracting(f -> f.get("path").asString())
        .containsExactly("outputs/deep/notes.txt", "outputs/model.pkl");
    assertThat(http.get(artifacts + "?path=nowhere").json().get("files")).isEmpty();
    assertThat(http.get(artifacts + "?path=metrics.json").json().get("files")).isEmpty();

    TestHttp.Response download = http.get(artifacts + "/outputs/model.pkl");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("weights");
    assertThat(download.contentType()).isEqualTo("application/octet-stream");
    assertThat(download.header("Content-Length")).isEqualTo("7");
    assertThat(download.header("Content-Disposition")).contains("model.pkl");
    assertThat(objects.list(RunStorage.artifactPrefix(runId))).hasSize(4);
  }

  @Test
  void replacesAnArtifactUploadedAgain() {
    createRun("again");
    upload(jobs + "/again/artifacts/model.bin", "first");
    upload(jobs + "/again/artifacts/model.bin", "second, longer");

    assertThat(http.get(jobs + "/again/artifacts/model.bin").body()).isEqualTo("second, longer");
  }

  @Test
  void answersNotFoundForMissingArtifactOrRun() {
    createRun("empty");

    TestHttp.Response missing = http.get(jobs + "/empty/artifacts/missing.txt");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asString()).isEqualTo("artifact_not_found");
    TestHttp.Response noRun =
        http.send("PUT", jobs + "/nobody/artifacts/a.txt", "application/octet-stream", "x");
    assertThat(noRun.status()).isEqualTo(404);
    assertThat(noRun.json().get("code").asString()).isEqualTo("job_not_found");
  }

  @Test
  void streamsUploadOfUnknownLengthBeyondTheDocumentLimit() throws Exception {
    UUID runId = createRun("large");
    long size = 3L * 1024 * 1024;

    HttpResponse<String> uploaded =
        CLIENT.send(
            request(jobs + "/large/artifacts/data/big.bin")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> generated(size, 1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    assertThat(objects.stat(RunStorage.artifactPrefix(runId) + "data/big.bin").orElseThrow().size())
        .isEqualTo(size);
    HttpResponse<InputStream> download =
        CLIENT.send(
            request(jobs + "/large/artifacts/data/big.bin").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(download.headers().firstValue("Content-Length")).hasValue(Long.toString(size));
    assertThat(sha256(download.body())).isEqualTo(sha256(generated(size, 1)));
  }

  @Test
  void refusesWritesToDeletedRunAndWritesNothing() {
    UUID runId = createRun("gone");
    upload(jobs + "/gone/artifacts/kept.txt", "kept");
    runs.setDeleted(workspaces.idOf(workspace), "gone", true);

    TestHttp.Response put =
        http.send("PUT", jobs + "/gone/artifacts/new.txt", "application/octet-stream", "x");
    TestHttp.Response presign =
        http.postJson(
            jobs + "/gone/artifacts/presign", "{\"path\":\"new.txt\",\"method\":\"PUT\"}");
    TestHttp.Response start = http.postJson(jobs + "/gone/artifacts/uploads", "{\"path\":\"n\"}");

    for (TestHttp.Response refused : new TestHttp.Response[] {put, presign, start}) {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().get("code").asString()).isEqualTo("job_deleted");
    }
    assertThat(objects.list(RunStorage.prefix(runId)))
        .extracting(o -> o.key().substring(RunStorage.artifactPrefix(runId).length()))
        .containsExactly("kept.txt");
    assertThat(http.get(jobs + "/gone/artifacts/kept.txt").body()).isEqualTo("kept");
  }

  @Test
  void letsReadersReadButNotWrite() {
    UUID runId = createRun("guarded");
    upload(jobs + "/guarded/artifacts/a.txt", "a");
    TestHttp reader =
        TestHttp.onPort(port).withHeaders(TestIdentities.member("r1", workspace, Role.READER));

    assertThat(reader.get(jobs + "/guarded/artifacts/a.txt").body()).isEqualTo("a");
    assertThat(reader.get(jobs + "/guarded/artifacts").status()).isEqualTo(200);
    assertThat(
            reader
                .send("PUT", jobs + "/guarded/artifacts/b.txt", "application/octet-stream", "b")
                .status())
        .isEqualTo(403);
    assertThat(
            reader.postJson(jobs + "/guarded/artifacts/uploads/u1/parts/1?path=b.txt", "").status())
        .isEqualTo(403);
    assertThat(
            reader
                .postJson(
                    jobs + "/guarded/artifacts/presign", "{\"path\":\"b.txt\",\"method\":\"PUT\"}")
                .status())
        .isEqualTo(403);
    assertThat(objects.list(RunStorage.prefix(runId))).hasSize(1);
  }

  @Test
  void presignsUrlsThatReadAndWriteWithoutKiln() throws Exception {
    createRun("direct");
    String artifacts = jobs + "/direct/artifacts";

    JsonNode put =
        http.postJson(
                artifacts + "/presign",
                "{\"path\":\"outputs/direct.txt\",\"method\":\"PUT\",\"ttlSeconds\":60}")
            .json();
    assertThat(put.get("method").asString()).isEqualTo("PUT");
    assertThat(java.time.Instant.parse(put.get("expiresAt").asString()))
        .isBetween(java.time.Instant.now(), java.time.Instant.now().plusSeconds(61));
    HttpResponse<String> written =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(put.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofString("straight to S3"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(written.statusCode()).isEqualTo(200);
    assertThat(http.get(artifacts + "/outputs/direct.txt").body()).isEqualTo("straight to S3");

    JsonNode get =
        http.postJson(
                artifacts + "/presign", "{\"path\":\"outputs/direct.txt\",\"method\":\"GET\"}")
            .json();
    HttpResponse<String> read =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(get.get("url").asString())).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(read.body()).isEqualTo("straight to S3");
  }

  @Test
  void refusesBadPresignRequests() {
    createRun("badsign");
    String presign = jobs + "/badsign/artifacts/presign";

    assertProblem(
        http.postJson(presign, "{\"path\":\"missing.txt\",\"method\":\"GET\"}"),
        404,
        "artifact_not_found");
    assertProblem(
        http.postJson(presign, "{\"path\":\"a.txt\",\"method\":\"DELETE\"}"),
        400,
        "invalid_method");
    assertProblem(
        http.postJson(presign, "{\"path\":\"a.txt\",\"method\":\"PUT\",\"ttlSeconds\":0}"),
        400,
        "invalid_ttl");
    assertProblem(
        http.postJson(presign, "{\"path\":\"a.txt\",\"method\":\"PUT\",\"ttlSeconds\":604801}"),
        400,
        "invalid_ttl");
  }

  @Test
  void uploadsInPartsThroughPresignedUrls() throws Exception {
    UUID runId = createRun("parts");
    String artifacts = jobs + "/parts/artifacts";
    long firstSize = 5L * 1024 * 1024;

    TestHttp.Response started = http.postJson(artifacts + "/uploads", "{\"path\":\"model/w.bin\"}");
    assertThat(started.status()).isEqualTo(201);
    String uploadId = started.json().get("uploadId").asString();
    String first =
        uploadPart(artifacts, "model/w.bin", uploadId, 1, generated(firstSize, 2), firstSize);
    String second = uploadPart(artifacts, "model/w.bin", uploadId, 2, generated(100, 3), 100);
    assertThat(objects.list(RunStorage.prefix(runId))).isEmpty();

    TestHttp.Response completed =
        http.postJson(
            artifacts + "/uploads/" + uploadId + "/complete",
            "{\"path\":\"model/w.bin\",\"parts\":[{\"number\":2,\"etag\":"
                + quoted(second)
                + "},{\"number\":1,\"etag\":"
                + quoted(first)
                + "}]}");

    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    assertThat(completed.json().get("size").asLong()).isEqualTo(firstSize + 100);
    HttpResponse<InputStream> download =
        CLIENT.send(
            request(artifacts + "/model/w.bin").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(sha256(download.body()))
        .isEqualTo(sha256(new SequenceInputStream(generated(firstSize, 2), generated(100, 3))));
  }

  @Test
  void refusesCompletionWithWrongPartsAndAbortsCleanly() throws Exception {
    UUID runId = createRun("aborted");
    String artifacts = jobs + "/aborted/artifacts";
    String uploadId =
        http.postJson(artifacts + "/uploads", "{\"path\":\"x.bin\"}")
            .json()
            .get("uploadId")
            .asString();
    uploadPart(artifacts, "x.bin", uploadId, 1, generated(10, 4), 10);
    String complete = artifacts + "/uploads/" + uploadId + "/complete";

    assertProblem(
        http.postJson(
            complete,
            "{\"path\":\"x.bin\",\"parts\":[{\"number\":1,\"etag\":\"0123456789abcdef\"}]}"),
        400,
        "invalid_parts");
    assertProblem(
        http.postJson(complete, "{\"path\":\"x.bin\",\"parts\":[]}"), 400, "invalid_parts");
    assertProblem(
        http.postJson(complete, "{\"path\":\"x.bin\",\"parts\":[{\"number\":0,\"etag\":\"e\"}]}"),
        400,
        "invalid_parts");
    assertProblem(
        http.postJson(
            complete,
            "{\"path\":\"x.bin\",\"parts\":[{\"number\":1,\"etag\":\"e\"},{\"number\":1,\"etag\":\"e\"}]}"),
        400,
        "invalid_parts");
    assertProblem(
        http.postJson(artifacts + "/uploads/" + uploadId + "/parts/10001?path=x.bin", ""),
        400,
        "invalid_part_number");
    assertProblem(
        http.postJson(artifacts + "/uploads/" + uploadId + "/parts/one?path=x.bin", ""),
        400,
        "invalid_part_number");
    assertProblem(
        http.postJson(artifacts + "/uploads/bad%20id/parts/1?path=x.bin", ""),
        400,
        "invalid_upload_id");
    assertThat(objects.list(RunStorage.prefix(runId))).isEmpty();

    assertThat(http.delete(artifacts + "/uploads/" + uploadId + "?path=x.bin").status())
        .isEqualTo(204);
    assertProblem(
        http.delete(artifacts + "/uploads/" + uploadId + "?path=x.bin"), 404, "upload_not_found");
    assertProblem(
        http.postJson(complete, "{\"path\":\"x.bin\",\"parts\":[{\"number\":1,\"etag\":\"e\"}]}"),
        404,
        "upload_not_found");
    assertThat(objects.list(RunStorage.prefix(runId))).isEmpty();
  }

  @Test
  void deletingTheRunDeletesItsArtifacts() {
    UUID runId = createRun("doomed");
    upload(jobs + "/doomed/artifacts/a.txt", "a");
    upload(jobs + "/doomed/artifacts/outputs/b.txt", "b");
    assertThat(objects.list(RunStorage.prefix(runId))).hasSize(2);

    assertThat(http.delete(jobs + "/doomed").status()).isEqualTo(204);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(objects.list(RunStorage.prefix(runId))).isEmpty());
  }

  @Test
  void answersConflictWhereTheStoreCannotSignUrls(@TempDir Path folder) {
    createRun("local");
    Run run = runs.require(workspaces.idOf(workspace), "local");
    ArtifactService onDisk = new ArtifactService(new FileSystemObjectStore(folder));
    onDisk.put(run, "a/b.txt", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);

    assertThatThrownBy(
            () -> onDisk.presign(run, "a/b.txt", PresignMethod.GET, Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(
            KilnException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("presign_unsupported");
              assertThat(e.retryable()).isFalse();
            });
    assertThatThrownBy(() -> onDisk.startUpload(run, "big.bin"))
        .isInstanceOfSatisfying(
            KilnException.class, e -> assertThat(e.code()).isEqualTo("multipart_unsupported"));
    assertThatThrownBy(
            () -> onDisk.put(run, "a/b.txt/c", new ByteArrayInputStream(new byte[] {4}), 1))
        .isInstanceOfSatisfying(
            KilnException.class, e -> assertThat(e.code()).isEqualTo("artifact_path_conflict"));
    assertThat(onDisk.list(run, "a", false))
        .containsExactly(new ArtifactEntry("a/b.txt", false, 3L));
  }

  @Test
  void refusesUploadCutShortWithoutKeepingIt() {
    UUID runId = createRun("cut");
    Run run = runs.require(workspaces.idOf(workspace), "cut");
    ArtifactService service = new ArtifactService(objects);

    assertThatThrownBy(
            () -> service.put(run, "partial.bin", new ByteArrayInputStream(new byte[10]), 100))
        .isInstanceOfSatisfying(
            KilnException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("incomplete_upload");
              assertThat(e.getMessage()).contains("10 bytes of 100");
            });
    assertThat(objects.list(RunStorage.prefix(runId))).isEmpty();
  }

  private UUID createRun(String name) {
    TestHttp.Response created = http.postJson(jobs, "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    return UUID.fromString(created.json().get("id").asString());
  }

  private void upload(String path, String content) {
    TestHttp.Response response = http.send("PUT", path, "application/octet-stream", content);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("size").asLong())
        .isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
  }

  /** Asks Kiln for the part's URL and PUTs the part there, as a runner would; answers its ETag. */
  private String uploadPart(
      String artifacts, String path, String uploadId, int number, InputStream content, long length)
      throws Exception {
    TestHttp.Response part =
        http.postJson(
            artifacts + "/uploads/" + uploadId + "/parts/" + number + "?path=" + path, "");
    assertThat(part.status()).as(part.body()).isEqualTo(200);
    HttpResponse<String> uploaded =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(part.json().get("url").asString()))
                .PUT(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> content), length))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    return uploaded.headers().firstValue("ETag").orElseThrow();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60));
    TestIdentities.admin().forEach(builder::header);
    return builder;
  }

  private static void assertProblem(TestHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("code").asString()).isEqualTo(code);
  }

  private static String quoted(String etag) {
    return "\"" + etag.replace("\"", "\\\"") + "\"";
  }

  private static InputStream generated(long size, long seed) {
    byte[] block = new byte[64 * 1024];
    new Random(seed).nextBytes(block);
    return new InputStream() {
      private long left = size;

      @Override
      public int read() {
        return left-- > 0 ? block[(int) (left % block.length)] & 0xff : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(length, left);
        for (int i = 0; i < n; i++) {
          left--;
          buffer[offset + i] = block[(int) (left % block.length)];
        }
        return n;
      }
    };
  }

  private static String sha256(InputStream in) {
    try (in) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
