package dev.kiln.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceTest;
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
class UserAndTokenApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp admin;

  @BeforeEach
  void connect() {
    admin = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
  }

  private JsonNode newUser() {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    TestHttp.Response created = admin.postJson("/api/v1/users", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.json();
  }

  private TestHttp as(JsonNode user) {
    return TestHttp.onPort(port)
        .withHeaders(TestIdentities.member(user.get("id").asString(), null, null));
  }

  private int count(String table) {
    return new JdbcTemplate(dataSource)
        .queryForObject("select count(*) from " + table, Integer.class);
  }

  @Test
  void givesANewUserAFirstTokenShownOnce() {
    JsonNode user = newUser();
    String secret = user.at("/token/token").asString();
    assertThat(secret).startsWith("kiln_");
    TestHttp.Response tokens = as(user).get("/api/v1/tokens");
    assertThat(tokens.json().get("items")).hasSize(1);
    assertThat(tokens.body()).doesNotContain(secret).doesNotContain("\"token\"");
    assertThat(as(user).get("/api/v1/users/me").json().get("name").asString())
        .isEqualTo(user.get("name").asString());
  }

  @Test
  void letsOnlyAnAdministratorCreateUsers() {
    int before = count("app_user");
    TestHttp.Response refused =
        as(newUser()).postJson("/api/v1/users", "{\"name\":\"sneaky-" + UUID.randomUUID() + "\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("forbidden");
    assertThat(count("app_user")).isEqualTo(before + 1);
  }

  @Test
  void refusesADuplicateUser() {
    String name = newUser().get("name").asString();
    int before = count("app_user");
    TestHttp.Response duplicate = admin.postJson("/api/v1/users", "{\"name\":\"" + name + "\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().get("code").asString()).isEqualTo("user_exists");
    assertThat(count("app_user")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"a\"}",
        "{\"name\":\"Bad Name\"}",
        "{\"name\":\"../etc\"}",
        "{\"name\":\"0123456789012345678901234567890123456789012345678901234567890123x\"}",
        "{\"name\":\"ok-name\",\"displayName\":\"" + "x" + "\",\"admin\":\"maybe\"}",
        "{}"
      })
  void refusesAnInvalidUserAndWritesNothing(String body) {
    int before = count("app_user");
    assertThat(admin.postJson("/api/v1/users", body).status()).isEqualTo(400);
    assertThat(count("app_user")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"t\",\"expiresInDays\":0}",
        "{\"name\":\"t\",\"expiresInDays\":3651}",
        "{\"name\":\"\"}",
        "{\"name\":\"" + "n" + "\",\"expiresInDays\":\"soon\"}"
      })
  void refusesAnInvalidTokenRequestAndWritesNothing(String body) {
    TestHttp user = as(newUser());
    int before = count("access_token");
    assertThat(user.postJson("/api/v1/tokens", body).status()).isEqualTo(400);
    assertThat(count("access_token")).isEqualTo(before);
  }

  @Test
  void letsNobodyButTheOwnerOrAnAdministratorRevokeAToken() {
    JsonNode alice = newUser();
    String tokenId = alice.at("/token/id").asString();
    TestHttp.Response byBob = as(newUser()).delete("/api/v1/tokens/" + tokenId);
    assertThat(byBob.status()).isEqualTo(404);
    assertThat(byBob.json().get("code").asString()).isEqualTo("token_not_found");
    assertThat(as(alice).get("/api/v1/tokens").json().at("/items/0/revokedAt").isNull()).isTrue();

    assertThat(admin.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(204);
    assertThat(as(alice).get("/api/v1/tokens").json().at("/items/0/revokedAt").isNull()).isFalse();
  }

  @Test
  void keepsTheInternalResolveRouteForThePlatform() {
    String secret = newUser().at("/token/token").asString();
    String body = "{\"token\":\"" + secret + "\"}";
    assertThat(admin.postJson("/internal/v1/access/resolve", body).status()).isEqualTo(404);
    TestHttp gateway = TestHttp.onPort(port).withHeaders(TestIdentities.system("gateway"));
    assertThat(gateway.postJson("/internal/v1/access/resolve", body).status()).isEqualTo(200);
    assertThat(
            gateway.postJson("/internal/v1/access/resolve", "{\"token\":\"kiln_nope\"}").status())
        .isEqualTo(401);
  }
}
