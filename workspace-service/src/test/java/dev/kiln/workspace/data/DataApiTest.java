package dev.kiln.workspace.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@WorkspaceServiceTest
class DataApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  String workspace;
  String files;
  String data;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = "data-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(http.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    files = "/api/v1/workspaces/" + workspace + "/datastores/workspaceblobstore/files/";
    data = "/api/v1/workspaces/" + workspace + "/data/";
  }

  private TestHttp.Response upload(String path, String content) {
    return http.send("PUT", files + path, "application/octet-stream", content);
  }

  private TestHttp.Response register(String name, String body) {
    return http.postJson(data + name + "/versions", body);
  }

  private static String blob(String path) {
    return "azureml://datastores/workspaceblobstore/paths/" + path;
  }

  private int count(String table) {
    return new JdbcTemplate(dataSource)
        .queryForObject("select count(*) from " + table, Integer.class);
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void uploadsAFileAndRegistersItWithItsContentHash() throws Exception {
    TestHttp.Response uploaded = upload("tables/wine.csv", "a,b\n1,2\n");
    assertThat(uploaded.status()).isEqualTo(200);
    assertThat(uploaded.json().get("sha256").asString()).isEqualTo(sha256("a,b\n1,2\n"));
    assertThat(http.get(files + "tables/wine.csv").body()).isEqualTo("a,b\n1,2\n");

    String spec = "{\"type\":\"uri_file\",\"path\":\"" + blob("tables/wine.csv") + "\"}";
    TestHttp.Response first = register("wine", spec);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().get("version").asString()).isEqualTo("1");
    assertThat(first.json().get("contentHash").asString()).hasSize(64);
    assertThat(register("wine", spec).json().get("version").asString()).isEqualTo("2");
  }

  @Test
  void keepsVersionsImmutable() {
    upload("f/x.txt", "x");
    String spec = "{\"type\":\"uri_folder\",\"path\":\"" + blob("f") + "\"}";
    String path = data + "frozen/versions/2024.1";
    assertThat(http.send("PUT", path, "application/json", spec).status()).isEqualTo(201);
    assertThat(http.send("PUT", path, "application/json", spec).status()).isEqualTo(200);
    upload("f/x.txt", "changed");
    TestHttp.Response changed = http.send("PUT", path, "application/json", spec);
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.json().get("code").asString()).isEqualTo("version_exists");
  }

  @Test
  void hashesAFolderByItsFilesWhateverTheUploadOrder() {
    upload("one/a.txt", "A");
    upload("one/b.txt", "B");
    upload("two/b.txt", "B");
    upload("two/a.txt", "A");
    String first =
        register("one", "{\"path\":\"" + blob("one") + "\"}").json().get("contentHash").asString();
    String second =
        register("two", "{\"path\":\"" + blob("two/") + "\"}").json().get("contentHash").asString();
    assertThat(first).isEqualTo(second);
    upload("two/a.txt", "A2");
    assertThat(
            register("two", "{\"path\":\"" + blob("two") + "\"}")
                .json()
                .get("contentHash")
                .asString())
        .isNotEqualTo(first);
  }

  @Test
  void resolvesLatestPastArchivedVersions() {
    upload("l/x", "1");
    register("series", "{\"path\":\"" + blob("l") + "\",\"description\":\"v1\"}");
    register("series", "{\"path\":\"" + blob("l") + "\",\"description\":\"v2\"}");
    assertThat(http.get(data + "series/versions/latest").json().get("version").asString())
        .isEqualTo("2");
    assertThat(http.postJson(data + "series/versions/2/archive", "").status()).isEqualTo(200);
    assertThat(http.get(data + "series/versions/latest").json().get("version").asString())
        .isEqualTo("1");
    assertThat(http.get(data + "series/versions/2").json().get("archived").asBoolean()).isTrue();
    JsonNode listed = http.get("/api/v1/workspaces/" + workspace + "/data").json().get("items");
    assertThat(listed.findValuesAsString("version")).containsExactly("1");
  }

  @Test
  void resolvesTheReferencesSpecsWrite() {
    upload("r/x", "1");
    register("ref", "{\"path\":\"" + blob("r") + "\"}");
    register("ref", "{\"path\":\"" + blob("r") + "\"}");
    String resolve = "/api/v1/workspaces/" + workspace + "/data/resolve?ref=";
    assertThat(http.get(resolve + "azureml:ref:1").json().get("version").asString()).isEqualTo("1");
    assertThat(http.get(resolve + "azureml:ref@latest").json().get("version").asString())
        .isEqualTo("2");
    assertThat(http.get(resolve + "ref").json().get("version").asString()).isEqualTo("2");
    assertThat(http.get(resolve + "azureml:ref:9").status()).isEqualTo(404);
    assertThat(http.get(resolve + "azureml:a:b:c").status()).isEqualTo(400);
  }

  @Test
  void registersWebDataWithoutAHash() {
    TestHttp.Response web =
        register(
            "iris",
            "{\"type\":\"uri_file\",\"path\":\"https://example.org/iris.csv\",\"tags\":{\"src\":\"web\"}}");
    assertThat(web.status()).isEqualTo(201);
    assertThat(web.json().get("contentHash").isNull()).isTrue();
    assertThat(web.json().at("/tags/src").asString()).isEqualTo("web");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"path\":\"azureml://datastores/workspaceblobstore/paths/../etc\"}",
        "{\"path\":\"azureml://datastores/workspaceblobstore/paths/a/%2e%2e/b\"}",
        "{\"path\":\"azureml://datastores/workspaceblobstore/paths/a/%252e%252e/b\"}",
        "{\"path\":\"azureml://datastores/workspaceblobstore/paths//etc/passwd\"}",
        "{\"path\":\"azureml://datastores/workspaceblobstore/paths/a\\\\b\"}",
        "{\"path\":\"azureml://datastores/workspaceblobstore/paths/never-uploaded\"}",
        "{\"path\":\"azureml://datastores/no-such-store/paths/x\"}",
        "{\"path\":\"/etc/passwd\"}",
        "{\"path\":\"file:///etc/passwd\"}",
        "{\"path\":\"https://user:pw@example.org/x\"}",
        "{\"type\":\"blob\",\"path\":\"https://example.org/x\"}",
        "{\"name\":\"other\",\"path\":\"https://example.org/x\"}",
        "{\"version\":\"latest\",\"path\":\"https://example.org/x\"}",
        "{}"
      })
  void refusesABadSpecAndWritesNothing(String spec) {
    int before = count("data_asset");
    TestHttp.Response response = register("bad", spec);
    assertThat(response.status()).as(spec).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(count("data_asset")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..%2F..%2Fescape",
        "a/%2e%2e/%2e%2e/escape",
        "a/%252e%252e/escape",
        "a/%25252e%25252e/escape",
        "a%5C..%5Cescape",
        "a;jsessionid=x/escape",
        "%2Fetc%2Fpasswd",
        "a/./b",
        "a%00b"
      })
  void refusesAnUploadPathThatEscapesAndWritesNothing(String path) {
    int before = count("blob_file");
    TestHttp.Response response = upload(path, "evil");
    assertThat(response.status()).as(path).isBetween(400, 499);
    assertThat(count("blob_file")).isEqualTo(before);
  }

  @Test
  void storesAFileWhoseNameHasAPercentSign() {
    TestHttp.Response uploaded = upload("reports/100%25%20done.csv", "x");
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
    assertThat(uploaded.json().get("path").asString()).isEqualTo("reports/100% done.csv");
    assertThat(http.get(files + "reports/100%25%20done.csv").body()).isEqualTo("x");
  }

  @Test
  void keepsFileRoutesToTheWorkspaceBlobStore() {
    TestHttp.Response response =
        http.send(
            "PUT",
            "/api/v1/workspaces/" + workspace + "/datastores/other/files/x",
            "application/octet-stream",
            "x");
    assertThat(response.status()).isEqualTo(400);
    assertThat(http.get(files + "missing.txt").status()).isEqualTo(404);
  }
}
