package dev.kiln.run.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.storage.ObjectInfo;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.run.run.RunStorage;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every path trick on every artifact route: refused with 400 before anything is read or written.
 * Tricks in the URL are sent raw, as a hostile client would; tricks in bodies and query parameters
 * reach the controller intact.
 */
@RunServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactTraversalTest {

  private static final String SECRET = "TOP-SECRET-CONTENT";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ObjectStore objects;

  private String artifacts;
  private UUID runId;
  private List<ObjectInfo> runObjectsBefore;
  private List<ObjectInfo> otherObjectsBefore;

  @BeforeAll
  void plantSecrets() {
    TestHttp http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    String workspace = TestWorkspaces.create(dataSource, "traversal");
    String jobs = "/api/v1/workspaces/" + workspace + "/jobs";
    runId =
        UUID.fromString(http.postJson(jobs, "{\"name\":\"victim\"}").json().get("id").asString());
    artifacts = jobs + "/victim/artifacts";
    assertThat(
            http.send("PUT", artifacts + "/a.txt", "application/octet-stream", "artifact").status())
        .isEqualTo(200);
    // What a climb out of runs/{id}/artifacts/ would reach: the run's other objects and the root.
    objects.put(RunStorage.prefix(runId) + "secret.txt", SECRET.getBytes(StandardCharsets.UTF_8));
    objects.put("etc/passwd", SECRET.getBytes(StandardCharsets.UTF_8));
    objects.put("x", SECRET.getBytes(StandardCharsets.UTF_8));
    runObjectsBefore = objects.list(RunStorage.prefix(runId));
    otherObjectsBefore = outsideRuns();
    assertThat(runObjectsBefore).hasSize(2);
  }

  /** Tricks in the URL path after {@code .../artifacts/}, exactly as sent on the wire. */
  static Stream<String> urlTricks() {
    return Stream.of(
        "../secret.txt",
        "../../../../../../etc/passwd",
        "a/../../secret.txt",
        "..",
        "a/..",
        "./a.txt",
        "a/./b",
        "%2e%2e/secret.txt",
        "%2E%2E/secret.txt",
        "%252e%252e/secret.txt",
        "%25252e%25252e/secret.txt",
        "..%2fsecret.txt",
        "..%5csecret.txt",
        "..%255csecret.txt",
        "/etc/passwd",
        "//proc/self/root",
        "a//b",
        "a/",
        "C:\\x",
        "C:%5Cx",
        "C:/x",
        "\\\\server\\share",
        "a;b/c",
        "a.txt;jsessionid=1",
        "a%3Bb",
        "a.txt%23fragment",
        "a.txt#fragment",
        "a.txt%3Fq=1",
        "a%00b",
        "a%01b",
        "a%0ab",
        "a%7fb",
        "%c0%ae%c0%ae/secret.txt",
        "x".repeat(1025),
        "");
  }

  /** Tricks as the decoded text a body or a query parameter carries. */
  static Stream<String> valueTricks() {
    return Stream.of(
        "../secret.txt",
        "../../../../../../etc/passwd",
        "a/../../secret.txt",
        "..",
        ".",
        "./a.txt",
        "%2e%2e/secret.txt",
        "%252e%252e/secret.txt",
        "%25252e%25252e/secret.txt",
        "..%2fsecret.txt",
        "..%5csecret.txt",
        "/etc/passwd",
        "//proc/self/root",
        "a//b",
        "a/",
        "C:\\x",
        "C:/x",
        "\\\\server\\share",
        "..\\secret.txt",
        "a;b",
        "a.txt#fragment",
        "a.txt?q=1",
        "a\u0000b",
        "a\u0001b",
        "a\nb",
        "x".repeat(1025));
  }

  @ParameterizedTest
  @MethodSource("urlTricks")
  void refusesTrickInUploadPath(String trick) {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "PUT",
            artifacts + "/" + trick,
            with("Content-Type", "application/octet-stream"),
            "planted");

    assertRefused(response.status(), response.rest());
  }

  @ParameterizedTest
  @MethodSource("urlTricks")
  void refusesTrickInDownloadPath(String trick) {
    RawHttp.Response response = RawHttp.send(port, "GET", artifacts + "/" + trick, with(), null);

    assertRefused(response.status(), response.rest());
  }

  @ParameterizedTest
  @MethodSource("valueTricks")
  void refusesTrickInListFolder(String trick) {
    RawHttp.Response response =
        RawHttp.send(port, "GET", artifacts + "?path=" + encode(trick), with(), null);

    assertRefusedByArtifactPaths(response);
  }

  @ParameterizedTest
  @MethodSource("valueTricks")
  void refusesTrickInPresignedDownload(String trick) {
    RawHttp.Response response = postJson("/presign", Map.of("path", trick, "method", "GET"));

    assertRefusedByArtifactPaths(response);
  }

  @ParameterizedTest
  @MethodSource("valueTricks")
  void refusesTrickInPresignedUpload(String trick) {
    RawHttp.Response response = postJson("/presign", Map.of("path", trick, "method", "PUT"));

    assertRefusedByArtifactPaths(response);
  }

  @ParameterizedTest
  @MethodSource("valueTricks")
  void refusesTrickInStartOfUpload(String trick) {
    RawHttp.Response response = postJson("/uploads", Map.of("path", trick));

    assertRefusedByArtifactPaths(response);
  }

  @ParameterizedTest
  @MethodSource("valueTricks")
  void refusesTrickInPartOfUpload(String trick) {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "POST",
            artifacts + "/uploads/upload-1/parts/1?path=" + encode(trick),
            with(),
            null);

    assertRefusedByArtifactPaths(response);
  }

  @ParameterizedTest
  @MethodSource("valueTricks")
  void refusesTrickInCompletionOfUpload(String trick) {
    RawHttp.Response response =
        postJson(
            "/uploads/upload-1/complete",
            Map.of("path", trick, "parts", List.of(Map.of("number", 1, "etag", "e"))));

    assertRefusedByArtifactPaths(response);
  }

  @ParameterizedTest
  @MethodSource("valueTricks")
  void refusesTrickInAbortOfUpload(String trick) {
    RawHttp.Response response =
        RawHttp.send(
            port, "DELETE", artifacts + "/uploads/upload-1?path=" + encode(trick), with(), null);

    assertRefusedByArtifactPaths(response);
  }

  private RawHttp.Response postJson(String route, Map<String, Object> body) {
    return RawHttp.send(
        port,
        "POST",
        artifacts + route,
        with("Content-Type", "application/json"),
        JSON.writeValueAsString(body));
  }

  /** 400 from whichever layer saw the trick first, with nothing read or written. */
  private void assertRefused(int status, String response) {
    assertThat(status).as(response).isEqualTo(400);
    assertNothingLeaked(response);
  }

  private void assertRefusedByArtifactPaths(RawHttp.Response response) {
    assertThat(response.status()).as(response.rest()).isEqualTo(400);
    assertThat(response.rest())
        .contains("application/problem+json")
        .contains("\"code\":\"invalid_artifact_path\"");
    assertNothingLeaked(response.rest());
  }

  private void assertNothingLeaked(String response) {
    assertThat(response).doesNotContain(SECRET).doesNotContain("X-Amz-Signature");
    assertThat(objects.list(RunStorage.prefix(runId)))
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(runObjectsBefore);
    assertThat(outsideRuns())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(otherObjectsBefore);
  }

  /** Objects that belong to no run: where a climb out of every run would land. */
  private List<ObjectInfo> outsideRuns() {
    return objects.list("").stream()
        .filter(o -> !o.key().startsWith("runs/") && !o.key().startsWith("snapshots/"))
        .toList();
  }

  private static Map<String, String> with(String... headers) {
    Map<String, String> all = new java.util.HashMap<>(TestIdentities.admin());
    for (int i = 0; i < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    return all;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
