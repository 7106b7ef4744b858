package dev.kiln.workspace.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.SharedInfrastructure;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceTest;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET …/datastores/{name}/download-urls}: signed URLs with which a job's runner reads its
 * inputs straight from storage, fetched here without any credential.
 */
@WorkspaceServiceTest
class DownloadUrlsApiTest {

  @LocalServerPort int port;

  TestHttp http;
  String workspace;
  String base;
  final HttpClient plain = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = "dl-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(http.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    base = "/api/v1/workspaces/" + workspace + "/datastores/";
  }

  @Test
  void signsAWorkspaceBlobStoreFileThatAnyoneHoldingTheUrlCanRead() throws Exception {
    upload("data/train.csv", "a,b\n1,2\n");

    JsonNode answer = downloadUrls("workspaceblobstore", "path=data/train.csv");

    assertThat(answer.get("files")).hasSize(1);
    JsonNode file = answer.get("files").get(0);
    assertThat(file.get("path").asString()).isEqualTo("data/train.csv");
    assertThat(file.get("size").asLong()).isEqualTo(8);
    assertThat(file.get("url").asString())
        .startsWith(SharedInfrastructure.get().s3().endpoint().toString());
    assertThat(fetch(file.get("url").asString())).isEqualTo("a,b\n1,2\n");
    assertThat(Instant.parse(answer.get("expiresAt").asString()))
        .isBetween(
            Instant.now().plus(Duration.ofHours(5)), Instant.now().plus(Duration.ofHours(7)));
  }

  @Test
  void signsEveryFileUnderAFolderButNotItsNamesakes() throws Exception {
    upload("imgs/a.txt", "A");
    upload("imgs/sub/b.txt", "B");
    upload("imgsx/c.txt", "C");

    Map<String, String> files = contents(downloadUrls("workspaceblobstore", "prefix=imgs"));

    assertThat(files)
        .containsExactly(Map.entry("imgs/a.txt", "A"), Map.entry("imgs/sub/b.txt", "B"));
    assertThat(contents(downloadUrls("workspaceblobstore", "prefix=")))
        .containsOnlyKeys("imgs/a.txt", "imgs/sub/b.txt", "imgsx/c.txt");
  }

  @Test
  void signsAnS3DatastoresFilesWithItsOwnCredentialsBelowItsPrefix() throws Exception {
    String root = "external-" + UUID.randomUUID().toString().substring(0, 8);
    putObject(root + "/data/x.csv", "x\n1\n");
    putObject(root + "/data/deeper/y.csv", "y\n2\n");
    putObject(root + "-other/data/z.csv", "z\n");
    assertThat(
            http.send("PUT", base + "ext", "application/json", s3Spec(root, s3().secretKey()))
                .status())
        .isEqualTo(201);

    assertThat(contents(downloadUrls("ext", "path=data/x.csv")))
        .containsExactly(Map.entry("data/x.csv", "x\n1\n"));
    assertThat(contents(downloadUrls("ext", "prefix=data/")))
        .containsExactly(
            Map.entry("data/deeper/y.csv", "y\n2\n"), Map.entry("data/x.csv", "x\n1\n"));

    TestHttp.Response missing = http.get(base + "ext/download-urls?path=data/none.csv");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asString()).isEqualTo("file_not_found");
  }

  @Test
  void saysWhenAnS3DatastoreRefusesItsCredentials() {
    http.send("PUT", base + "badkey", "application/json", s3Spec("any", "wrong-secret"));

    TestHttp.Response refused = http.get(base + "badkey/download-urls?prefix=");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("code").asString()).isEqualTo("datastore_refused");
    assertThat(refused.body()).doesNotContain("wrong-secret");
  }

  @Test
  void refusesALocalDatastoreWhoseFolderNoWorkloadReaches() throws Exception {
    Path folder = Files.createTempDirectory("kiln-local-datastore");
    Files.writeString(folder.resolve("a.csv"), "a\n");
    http.send(
        "PUT",
        base + "local",
        "application/json",
        "{\"type\":\"local\",\"path\":\"" + folder + "\"}");

    TestHttp.Response refused = http.get(base + "local/download-urls?path=a.csv");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("code").asString()).isEqualTo("download_unsupported");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "path=../secrets.csv",
        "path=data/%2e%2e/x",
        "path=/etc/passwd",
        "prefix=../",
        "path=a.csv&prefix=b",
        ""
      })
  void refusesABadPathOrQuery(String query) {
    TestHttp.Response refused = http.get(base + "workspaceblobstore/download-urls?" + query);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
  }

  @Test
  void answers404ForAMissingFileAndForAnotherWorkspacesNonMember() {
    assertThat(http.get(base + "workspaceblobstore/download-urls?path=none.csv").status())
        .isEqualTo(404);
    TestHttp stranger =
        TestHttp.onPort(port)
            .withHeaders(TestIdentities.member(UUID.randomUUID().toString(), null, null));
    assertThat(stranger.get(base + "workspaceblobstore/download-urls?prefix=").status())
        .isEqualTo(404);
  }

  private JsonNode downloadUrls(String datastore, String query) {
    TestHttp.Response answer = http.get(base + datastore + "/download-urls?" + query);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private Map<String, String> contents(JsonNode answer) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    List<JsonNode> entries = new ArrayList<>();
    answer.get("files").forEach(entries::add);
    for (JsonNode file : entries) {
      files.put(file.get("path").asString(), fetch(file.get("url").asString()));
    }
    return files;
  }

  private String fetch(String url) throws Exception {
    HttpResponse<String> response =
        plain.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  private void upload(String path, String content) {
    assertThat(
            http.send(
                    "PUT",
                    base + "workspaceblobstore/files/" + path,
                    "application/octet-stream",
                    content)
                .status())
        .isEqualTo(200);
  }

  private static void putObject(String key, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    MinioClient.builder()
        .endpoint(s3().endpoint().toString())
        .region("us-east-1")
        .credentials(s3().accessKey(), s3().secretKey())
        .build()
        .putObject(
            PutObjectArgs.builder().bucket("kiln-test").object(key).stream(
                    new ByteArrayInputStream(bytes), bytes.length, -1)
                .build());
  }

  private static dev.kiln.embedded.EmbeddedS3 s3() {
    return SharedInfrastructure.get().s3();
  }

  private static String s3Spec(String prefix, String secret) {
    return "{\"type\":\"s3\",\"endpoint\":\""
        + s3().endpoint()
        + "\",\"bucket\":\"kiln-test\",\"prefix\":\""
        + prefix
        + "\",\"credentials\":{\"access_key_id\":\""
        + s3().accessKey()
        + "\",\"secret_access_key\":\""
        + secret
        + "\"}}";
  }
}
