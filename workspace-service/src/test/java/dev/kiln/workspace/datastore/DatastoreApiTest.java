package dev.kiln.workspace.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kiln.testsupport.SharedInfrastructure;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@WorkspaceServiceTest
class DatastoreApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  String workspace;
  String base;
  ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = "ds-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(http.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    base = "/api/v1/workspaces/" + workspace + "/datastores/";
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void detachLogs() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private TestHttp.Response put(String name, String json) {
    return http.send("PUT", base + name, "application/json", json);
  }

  private String s3Spec(String secret) {
    var s3 = SharedInfrastructure.get().s3();
    return "{\"type\":\"s3\",\"endpoint\":\""
        + s3.endpoint()
        + "\",\"bucket\":\"kiln-test\",\"credentials\":{\"access_key_id\":\""
        + s3.accessKey()
        + "\",\"secret_access_key\":\""
        + secret
        + "\"}}";
  }

  private String collection() {
    return base.substring(0, base.length() - 1);
  }

  private int rows() {
    return new JdbcTemplate(dataSource)
        .queryForObject("select count(*) from datastore", Integer.class);
  }

  @Test
  void givesEveryWorkspaceItsOwnBlobStoreThatCannotBeRemoved() {
    TestHttp.Response store = http.get(base + "workspaceblobstore");
    assertThat(store.status()).isEqualTo(200);
    assertThat(store.json().get("type").asString()).isEqualTo("platform");
    assertThat(store.json().get("isDefault").asBoolean()).isTrue();
    assertThat(http.delete(base + "workspaceblobstore").status()).isEqualTo(409);
    assertThat(put("workspaceblobstore", "{\"type\":\"local\",\"path\":\"/tmp\"}").status())
        .isEqualTo(409);
  }

  @Test
  void keepsS3CredentialsSealedAndNeverShowsThem() {
    String secret = SharedInfrastructure.get().s3().secretKey();
    TestHttp.Response created = put("lake", s3Spec(secret));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("credentialsSet").asBoolean()).isTrue();
    assertThat(created.body()).doesNotContain(secret);

    TestHttp.Response test = http.postJson(base + "lake/test", "");
    assertThat(test.json().get("ok").asBoolean()).as(test.body()).isTrue();
    assertThat(test.body()).doesNotContain(secret);
    assertThat(http.get(base + "lake").body()).doesNotContain(secret);
    assertThat(http.get(collection()).body()).contains("lake").doesNotContain(secret);

    String stored =
        new JdbcTemplate(dataSource)
            .queryForObject(
                "select secret_ciphertext from datastore where name = 'lake' and workspace_id ="
                    + " (select id from workspace where name = ?)",
                String.class,
                workspace);
    assertThat(stored).startsWith("v1:").doesNotContain(secret);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains(secret));
  }

  @Test
  void reportsAFailedConnectionWithoutTheSecret() {
    String wrong = "not-the-right-secret-" + UUID.randomUUID();
    assertThat(put("wrong", s3Spec(wrong)).status()).isEqualTo(201);
    TestHttp.Response test = http.postJson(base + "wrong/test", "");
    assertThat(test.status()).isEqualTo(200);
    assertThat(test.json().get("ok").asBoolean()).isFalse();
    assertThat(test.body()).doesNotContain(wrong);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains(wrong));
  }

  @Test
  void replacesADatastoreByName() {
    assertThat(put("lake2", s3Spec("first-secret")).status()).isEqualTo(201);
    assertThat(put("lake2", s3Spec("second-secret")).status()).isEqualTo(200);
    assertThat(http.get(collection()).json().get("items").findValuesAsString("name"))
        .containsExactly("lake2", "workspaceblobstore");
  }

  @Test
  void confinesALocalDatastoreToAnAllowedRoot() throws Exception {
    Path folder = Files.createTempDirectory("kiln-local-datastore");
    TestHttp.Response created = put("local", "{\"type\":\"local\",\"path\":\"" + folder + "\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(http.postJson(base + "local/test", "").json().get("ok").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/etc",
        "relative/path",
        "/tmp/../etc",
        "/tmp/./x",
        "/tmp/%2e%2e/etc",
        "/tmp/%252e%252e/etc",
        "/tmp\\\\..\\\\etc",
        "/tmp/a\\u0000b",
        ""
      })
  void refusesALocalPathThatEscapesItsRootAndWritesNothing(String path) {
    int before = rows();
    TestHttp.Response response = put("escape", "{\"type\":\"local\",\"path\":\"" + path + "\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(rows()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"azure_blob\"}",
        "{\"type\":\"s3\",\"endpoint\":\"ftp://x\",\"bucket\":\"abc\",\"credentials\":{\"access_key_id\":\"a\",\"secret_access_key\":\"b\"}}",
        "{\"type\":\"s3\",\"endpoint\":\"http://user:pw@x\",\"bucket\":\"abc\",\"credentials\":{\"access_key_id\":\"a\",\"secret_access_key\":\"b\"}}",
        "{\"type\":\"s3\",\"endpoint\":\"http://x\",\"bucket\":\"A\",\"credentials\":{\"access_key_id\":\"a\",\"secret_access_key\":\"b\"}}",
        "{\"type\":\"s3\",\"endpoint\":\"http://x\",\"bucket\":\"abc\"}",
        "{\"type\":\"local\",\"path\":\"/tmp\",\"credentials\":{\"access_key_id\":\"a\",\"secret_access_key\":\"b\"}}",
        "{\"name\":\"other\",\"type\":\"local\",\"path\":\"/tmp\"}"
      })
  void refusesAnInvalidSpecAndWritesNothing(String spec) {
    int before = rows();
    TestHttp.Response response = put("bad", spec);
    assertThat(response.status()).isEqualTo(400);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void refusesATypoInASpecKeyAndNamesTheKnownKey() throws Exception {
    int before = rows();
    TestHttp.Response response =
        put("typo", "{\"type\":\"local\",\"pth\":\"" + Files.createTempDirectory("kiln") + "\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("unknown_key");
    assertThat(response.json().get("detail").asString()).contains("'pth'").contains("'path'");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void ignoresAnAzureOnlyKeyWithAWarning() throws Exception {
    Path folder = Files.createTempDirectory("kiln-azure-keys");
    TestHttp.Response response =
        http.send(
            "PUT",
            base + "azure",
            "application/yaml",
            "type: local\npath: " + folder + "\nservice_data_access_auth_identity: none\n");
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("X-Kiln-Ignored-Keys"))
        .isEqualTo("service_data_access_auth_identity");
  }

  @Test
  void answers404ForAnUnknownDatastore() {
    TestHttp.Response response = http.get(base + "nope");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("code").asString()).isEqualTo("datastore_not_found");
  }
}
