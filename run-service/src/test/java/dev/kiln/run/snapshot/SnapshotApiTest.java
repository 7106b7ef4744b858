package dev.kiln.run.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.storage.DownloadUrls;
import dev.kiln.common.storage.FileSystemObjectStore;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.run.workspace.Workspaces;
import dev.kiln.testsupport.SharedInfrastructure;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RunServiceTest
class SnapshotApiTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ObjectStore objects;
  @Autowired Workspaces workspaces;
  @Autowired SnapshotService snapshots;
  @Autowired SnapshotBlobs blobs;
  @Autowired SnapshotProperties limits;

  TestHttp http;
  String workspace;
  UUID workspaceId;
  String base;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "snapshots");
    workspaceId = workspaces.idOf(workspace);
    base = "/api/v1/workspaces/" + workspace + "/snapshots";
  }

  @Test
  void uploadsOnlyMissingBlobsAndCommitsEachManifestOnce() throws Exception {
    Map<String, String> code = new LinkedHashMap<>();
    code.put("train.py", "print('train')");
    code.put("src/model.py", "class Model: pass");
    code.put("src/copy_of_train.py", "print('train')");
    String manifest = manifest(code);

    assertThat(missing(manifest))
        .containsExactlyInAnyOrder(sha("print('train')"), sha("class Model: pass"));
    assertThat(putBlob("print('train')").status()).isEqualTo(201);
    assertThat(missing(manifest)).containsExactly(sha("class Model: pass"));
    assertThat(putBlob("class Model: pass").status()).isEqualTo(201);
    assertThat(missing(manifest)).isEmpty();
    TestHttp.Response again = putBlob("print('train')");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("created").asBoolean()).isFalse();
    assertThat(rows("snapshot_blob")).isEqualTo(2);

    TestHttp.Response first = http.postJson(base, manifest);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    JsonNode created = first.json();
    assertThat(created.get("id").asString()).isEqualTo(expectedId(code));
    assertThat(created.get("fileCount").asInt()).isEqualTo(3);
    assertThat(created.get("totalBytes").asLong()).isEqualTo(14 + 17 + 14);
    assertThat(created.has("files")).isFalse();
    int storedObjects = objects.list("snapshots/" + workspaceId + "/").size();

    Map<String, String> reordered = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>(code.keySet());
    java.util.Collections.reverse(paths);
    paths.forEach(p -> reordered.put(p, code.get(p)));
    TestHttp.Response second = http.postJson(base, manifest(reordered));
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("id").asString()).isEqualTo(created.get("id").asString());
    assertThat(second.json().get("createdAt").asString())
        .isEqualTo(created.get("createdAt").asString());
    assertThat(rows("snapshot")).isEqualTo(1);
    assertThat(rows("snapshot_blob")).isEqualTo(2);
    assertThat(objects.list("snapshots/" + workspaceId + "/")).hasSize(storedObjects).hasSize(2);

    String other = TestWorkspaces.create(dataSource, "other");
    TestHttp.Response elsewhere =
        http.postJson("/api/v1/workspaces/" + other + "/snapshots/missing", manifest);
    assertThat(elsewhere.json().get("missing")).hasSize(2);
  }

  @Test
  void readsASnapshotBackAsManifestArchiveAndFiles() throws Exception {
    Map<String, String> code = new LinkedHashMap<>();
    code.put("b.py", "bee");
    code.put("a/deep/c.txt", "sea");
    code.put("a/empty.txt", "");
    code.values().forEach(this::putBlob);
    String id = http.postJson(base, manifest(code)).json().get("id").asString();

    JsonNode snapshot = http.get(base + "/" + id).json();
    assertThat(snapshot.get("files"))
        .extracting(f -> f.get("path").asString())
        .containsExactly("a/deep/c.txt", "a/empty.txt", "b.py");
    assertThat(snapshot.get("files").get(0).get("sha256").asString()).isEqualTo(sha("sea"));

    HttpResponse<byte[]> archive =
        CLIENT.send(request(base + "/" + id + "/archive"), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(archive.statusCode()).isEqualTo(200);
    assertThat(archive.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(unzip(archive.body()))
        .containsExactly(
            Map.entry("a/deep/c.txt", "sea"),
            Map.entry("a/empty.txt", ""),
            Map.entry("b.py", "bee"));

    TestHttp.Response file = http.get(base + "/" + id + "/files/a/deep/c.txt");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("sea");
    assertThat(file.header("Content-Length")).isEqualTo("3");
    assertProblem(
        http.get(base + "/" + id + "/files/a/nothing.txt"), 404, "snapshot_file_not_found");
    assertProblem(http.get(base + "/" + id + "/files/a%3Fc.txt"), 400, "invalid_snapshot_path");
    assertProblem(http.get(base + "/" + "0".repeat(64)), 404, "snapshot_not_found");
    assertProblem(http.get(base + "/not-a-digest"), 400, "invalid_snapshot_id");
  }

  @Test
  void signsAUrlPerFileThatReadsItWithoutAnyCredential() throws Exception {
    Map<String, String> code = new LinkedHashMap<>();
    code.put("train.py", "print('hi')");
    code.put("conf/a b.yml", "x: 1");
    code.values().forEach(this::putBlob);
    String id = http.postJson(base, manifest(code)).json().get("id").asString();

    TestHttp.Response answer = http.get(base + "/" + id + "/download-urls");

    assertThat(answer.status()).isEqualTo(200);
    Map<String, String> fetched = new LinkedHashMap<>();
    for (JsonNode file : answer.json().get("files")) {
      String url = file.get("url").asString();
      assertThat(url).startsWith(SharedInfrastructure.get().s3().endpoint().toString());
      HttpResponse<String> content =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(content.statusCode()).isEqualTo(200);
      assertThat(file.get("size").asLong()).isEqualTo(content.body().length());
      fetched.put(file.get("path").asString(), content.body());
    }
    assertThat(fetched)
        .containsExactly(Map.entry("conf/a b.yml", "x: 1"), Map.entry("train.py", "print('hi')"));
    assertThat(answer.json().get("expiresAt").asString()).isNotBlank();
    assertProblem(
        http.get(base + "/" + "0".repeat(64) + "/download-urls"), 404, "snapshot_not_found");
    assertProblem(http.get(base + "/not-a-digest/download-urls"), 400, "invalid_snapshot_id");
  }

  @Test
  void namesEachFilesApiPathWhereTheStoreCannotSign(@TempDir Path folder) {
    Map<String, String> code = Map.of("conf/a b.yml", "x: 1");
    code.values().forEach(this::putBlob);
    String id = http.postJson(base, manifest(code)).json().get("id").asString();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    SnapshotService onDisk =
        new SnapshotService(
            new SnapshotBlobs(new FileSystemObjectStore(folder), jdbc), limits, jdbc);

    DownloadUrls urls = onDisk.downloadUrls(workspaceId, id, base + "/" + id + "/files/");

    assertThat(urls.files())
        .extracting(DownloadUrls.File::url)
        .containsExactly(base + "/" + id + "/files/conf/a%20b.yml");
    assertThat(http.get(urls.files().get(0).url()).body()).isEqualTo("x: 1");
  }

  @Test
  void refusesBlobWhoseContentDoesNotMatchItsDigestAndKeepsNothing() {
    TestHttp.Response refused =
        http.send(
            "PUT", base + "/blobs/" + sha("expected"), "application/octet-stream", "tampered");

    assertProblem(refused, 400, "digest_mismatch");
    assertThat(refused.json().get("detail").asString()).contains(sha("tampered"));
    assertThat(rows("snapshot_blob")).isZero();
    assertThat(objects.list("snapshots/" + workspaceId + "/")).isEmpty();
    assertProblem(
        http.send("PUT", base + "/blobs/ABC", "application/octet-stream", "x"),
        400,
        "invalid_sha256");
    assertProblem(
        http.send(
            "PUT",
            base + "/blobs/" + sha("expected").toUpperCase(),
            "application/octet-stream",
            "expected"),
        400,
        "invalid_sha256");
    assertThat(rows("snapshot_blob")).isZero();
  }

  @Test
  void refusesTamperedBlobEvenWhenTheWorkspaceHasTheRealOne() {
    putBlob("genuine");

    assertProblem(
        http.send("PUT", base + "/blobs/" + sha("genuine"), "application/octet-stream", "fake"),
        400,
        "digest_mismatch");
    assertThat(text(objects.get("snapshots/" + workspaceId + "/blobs/" + sha("genuine"))))
        .isEqualTo("genuine");
  }

  @Test
  void refusesBlobLargerThanASnapshotMayBe() {
    assertThatThrownBy(
            () ->
                snapshots.storeBlob(
                    workspaceId,
                    sha("x"),
                    new ByteArrayInputStream(new byte[0]),
                    300L * 1024 * 1024 + 1))
        .isInstanceOfSatisfying(
            KilnException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(413);
              assertThat(e.code()).isEqualTo("blob_too_large");
            });
    byte[] eleven = "eleven byte".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                blobs.store(
                    workspaceId, sha("eleven byte"), new ByteArrayInputStream(eleven), -1, 10))
        .isInstanceOfSatisfying(
            KilnException.class, e -> assertThat(e.code()).isEqualTo("blob_too_large"));
    assertThat(rows("snapshot_blob")).isZero();
    assertThat(objects.list("snapshots/" + workspaceId + "/")).isEmpty();
  }

  @Test
  void refusesCommitWithMissingBlobsNamingThem() {
    putBlob("present");
    String manifest =
        "{\"files\":["
            + entry("present.txt", sha("present"), 7)
            + ","
            + entry("absent.txt", sha("absent"), 6)
            + "]}";

    TestHttp.Response refused = http.postJson(base, manifest);

    assertProblem(refused, 400, "missing_blobs");
    assertThat(refused.json().get("detail").asString())
        .contains(sha("absent"))
        .doesNotContain(sha("present"));
    assertThat(rows("snapshot")).isZero();
  }

  @Test
  void refusesEntryWhoseSizeIsNotItsBlobs() {
    putBlob("twelve bytes");

    assertProblem(
        http.postJson(base, "{\"files\":[" + entry("a.txt", sha("twelve bytes"), 1) + "]}"),
        400,
        "size_mismatch");
    assertThat(rows("snapshot")).isZero();
  }

  @Test
  void refusesTooManyFilesNamingTheBiggest() {
    StringBuilder files = new StringBuilder();
    for (int i = 0; i < 2001; i++) {
      files.append(i == 0 ? "" : ",").append(entry("f" + i + ".txt", sha("f" + i), i));
    }

    TestHttp.Response refused = http.postJson(base, "{\"files\":[" + files + "]}");

    assertProblem(refused, 400, "snapshot_too_large");
    assertThat(refused.json().get("detail").asString())
        .contains("2,001 files")
        .contains("2,000 files")
        .contains("f2000.txt (2,000 bytes), f1999.txt (1,999 bytes), f1998.txt")
        .contains("f1996.txt")
        .doesNotContain("f1995.txt");
    assertThat(rows("snapshot")).isZero();
  }

  @Test
  void refusesTooManyBytesNamingTheBiggest() {
    long mb = 1024L * 1024;
    String manifest =
        "{\"files\":["
            + String.join(
                ",",
                entry("data/huge.bin", sha("1"), 200 * mb),
                entry("data/big.bin", sha("2"), 90 * mb),
                entry("weights.pt", sha("3"), 20 * mb),
                entry("a.py", sha("4"), 10),
                entry("b.py", sha("5"), 20),
                entry("c.py", sha("6"), 5))
            + "]}";

    TestHttp.Response refused = http.postJson(base, manifest);

    assertProblem(refused, 400, "snapshot_too_large");
    assertThat(refused.json().get("detail").asString())
        .contains("6 files and 325,058,595 bytes")
        .contains("314,572,800 bytes")
        .contains(
            "data/huge.bin (209,715,200 bytes), data/big.bin (94,371,840 bytes),"
                + " weights.pt (20,971,520 bytes), b.py (20 bytes), a.py (10 bytes)")
        .doesNotContain("c.py");
    assertThat(rows("snapshot")).isZero();
  }

  @Test
  void refusesMalformedManifestsAndWritesNothing() {
    String good = sha("x");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(entry("../escape.py", good, 1), "invalid_snapshot_path");
    cases.put(entry("/etc/passwd", good, 1), "invalid_snapshot_path");
    cases.put(entry("a//b.py", good, 1), "invalid_snapshot_path");
    cases.put(entry("C:\\\\x.py", good, 1), "invalid_snapshot_path");
    cases.put(entry("%2e%2e/x.py", good, 1), "invalid_snapshot_path");
    cases.put(entry("a.py", "xyz", 1), "invalid_sha256");
    cases.put(entry("a.py", good, -1), "invalid_size");
    cases.put(entry("a.py", good, 1) + "," + entry("a.py", good, 1), "duplicate_path");
    cases.put(entry("a", good, 1) + "," + entry("a/b.py", good, 1), "path_conflict");
    cases.put("null", "invalid_manifest");
    cases.forEach(
        (files, code) -> {
          assertProblem(http.postJson(base, "{\"files\":[" + files + "]}"), 400, code);
          assertProblem(http.postJson(base + "/missing", "{\"files\":[" + files + "]}"), 400, code);
        });
    assertProblem(http.postJson(base, "{}"), 400, "invalid_manifest");
    assertThat(rows("snapshot")).isZero();
  }

  @Test
  void checksThatASnapshotExistsForRuns() {
    putBlob("run me");
    String id =
        http.postJson(base, "{\"files\":[" + entry("run.py", sha("run me"), 6) + "]}")
            .json()
            .get("id")
            .asString();

    snapshots.requireExists(workspaceId, id);
    assertThatThrownBy(() -> snapshots.requireExists(workspaceId, "0".repeat(64)))
        .isInstanceOf(NotFoundException.class);
    UUID otherWorkspace = workspaces.idOf(TestWorkspaces.create(dataSource, "other"));
    assertThatThrownBy(() -> snapshots.requireExists(otherWorkspace, id))
        .isInstanceOf(NotFoundException.class);
  }

  private List<String> missing(String manifest) {
    TestHttp.Response response = http.postJson(base + "/missing", manifest);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> missing = new ArrayList<>();
    response.json().get("missing").forEach(n -> missing.add(n.asString()));
    return missing;
  }

  private TestHttp.Response putBlob(String content) {
    TestHttp.Response response =
        http.send("PUT", base + "/blobs/" + sha(content), "application/octet-stream", content);
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response;
  }

  private static String manifest(Map<String, String> files) {
    List<String> entries = new ArrayList<>();
    files.forEach(
        (path, content) ->
            entries.add(
                entry(path, sha(content), content.getBytes(StandardCharsets.UTF_8).length)));
    return "{\"files\":[" + String.join(",", entries) + "]}";
  }

  private static String entry(String path, String sha256, long size) {
    return JSON.writeValueAsString(Map.of("path", path, "sha256", sha256, "size", size));
  }

  /** The id as a client computes it: the canonical manifest's SHA-256 (see package-info). */
  private static String expectedId(Map<String, String> files) {
    StringBuilder canonical = new StringBuilder();
    files.keySet().stream()
        .sorted()
        .forEach(
            path ->
                canonical
                    .append(sha(files.get(path)))
                    .append(' ')
                    .append(files.get(path).getBytes(StandardCharsets.UTF_8).length)
                    .append(' ')
                    .append(path)
                    .append('\n'));
    return Hashes.sha256Hex(canonical.toString());
  }

  private static String sha(String content) {
    return Hashes.sha256Hex(content);
  }

  private int rows(String table) {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from " + table + " where workspace_id = ?",
            Integer.class,
            workspaceId);
  }

  private HttpRequest request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    TestIdentities.admin().forEach(builder::header);
    return builder.build();
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static String text(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertProblem(TestHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("code").asString()).isEqualTo(code);
  }
}
