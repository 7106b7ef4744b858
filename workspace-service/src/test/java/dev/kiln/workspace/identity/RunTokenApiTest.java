package dev.kiln.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.auth.Role;
import dev.kiln.common.crypto.Hashes;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
class RunTokenApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp admin;
  TestHttp compute;
  TestHttp gateway;
  JdbcTemplate jdbc;
  String workspace;
  String userId;

  @BeforeEach
  void setUp() {
    admin = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    compute = TestHttp.onPort(port).withHeaders(TestIdentities.system("compute"));
    gateway = TestHttp.onPort(port).withHeaders(TestIdentities.system("gateway"));
    jdbc = new JdbcTemplate(dataSource);
    workspace = newWorkspace();
    userId = newUser();
    setRole(workspace, "Contributor");
  }

  private void setRole(String inWorkspace, String role) {
    String userName =
        jdbc.queryForObject(
            "select name from app_user where id = ?", String.class, UUID.fromString(userId));
    TestHttp.Response set =
        role == null
            ? admin.delete("/api/v1/workspaces/" + inWorkspace + "/members/" + userName)
            : admin.send(
                "PUT",
                "/api/v1/workspaces/" + inWorkspace + "/members/" + userName,
                "application/json",
                "{\"role\":\"" + role + "\"}");
    assertThat(set.status()).as(set.body()).isIn(200, 204);
  }

  private String newWorkspace() {
    String name = "rt-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}").status())
        .isEqualTo(201);
    return name;
  }

  private String newUser() {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    TestHttp.Response created = admin.postJson("/api/v1/users", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private static String issueBody(
      String workspace, UUID runId, String runName, String userId, Object ttlSeconds) {
    return "{\"workspace\":\""
        + workspace
        + "\",\"runId\":\""
        + runId
        + "\",\"runName\":\""
        + runName
        + "\",\"userId\":\""
        + userId
        + "\",\"ttlSeconds\":"
        + ttlSeconds
        + "}";
  }

  private String issue(UUID runId, String runName) {
    TestHttp.Response issued =
        compute.postJson(
            "/internal/v1/run-tokens", issueBody(workspace, runId, runName, userId, 3600));
    assertThat(issued.status()).isEqualTo(201);
    return issued.json().get("token").asString();
  }

  private TestHttp.Response resolve(String token, String workspace) {
    String ws = workspace == null ? "null" : "\"" + workspace + "\"";
    return gateway.postJson(
        "/internal/v1/access/resolve", "{\"token\":\"" + token + "\",\"workspace\":" + ws + "}");
  }

  private TestHttp.Response revoke(UUID runId) {
    return compute.postJson("/internal/v1/run-tokens/revoke", "{\"runId\":\"" + runId + "\"}");
  }

  private int runTokens() {
    return jdbc.queryForObject("select count(*) from run_token", Integer.class);
  }

  @Test
  void issuesATokenThatActsAsTheSubmitterWithContributorInTheRunsWorkspaceOnly() {
    String token = issue(UUID.randomUUID(), "train-1");
    assertThat(token).startsWith("kiln_run_").hasSizeGreaterThan(40);

    JsonNode inItsWorkspace = resolve(token, workspace).json();
    assertThat(inItsWorkspace.get("userId").asString()).isEqualTo(userId);
    assertThat(inItsWorkspace.get("role").asString()).isEqualTo("Contributor");
    assertThat(inItsWorkspace.get("runName").asString()).isEqualTo("train-1");
    assertThat(inItsWorkspace.get("admin").asBoolean()).isFalse();

    // The user is a member of the other workspace, as Owner; the run token still has no role there.
    String other = newWorkspace();
    String userName =
        jdbc.queryForObject(
            "select name from app_user where id = ?", String.class, UUID.fromString(userId));
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/" + other + "/members/" + userName,
                    "application/json",
                    "{\"role\":\"Owner\"}")
                .status())
        .isEqualTo(200);
    JsonNode elsewhere = resolve(token, other).json();
    assertThat(elsewhere.get("role").isNull()).isTrue();
    assertThat(elsewhere.get("runName").asString()).isEqualTo("train-1");
    assertThat(resolve(token, null).json().get("role").isNull()).isTrue();
  }

  @Test
  void followsTheSubmittersRoleNowAndNeverGoesBeyondContributor() {
    String token = issue(UUID.randomUUID(), "train-2");
    setRole(workspace, "Owner");
    assertThat(resolve(token, workspace).json().get("role").asString()).isEqualTo("Contributor");

    setRole(workspace, "Reader");
    assertThat(resolve(token, workspace).json().get("role").asString()).isEqualTo("Reader");

    setRole(workspace, null);
    assertThat(resolve(token, workspace).json().get("role").isNull()).isTrue();
  }

  @Test
  void neverLetsAnAdministratorsRunTokenActAsAdministrator() {
    TestHttp.Response issued =
        compute.postJson(
            "/internal/v1/run-tokens",
            issueBody(workspace, UUID.randomUUID(), "admin-run", TestIdentities.ADMIN_ID, 600));
    assertThat(issued.status()).isEqualTo(201);
    JsonNode resolved = resolve(issued.json().get("token").asString(), workspace).json();
    assertThat(resolved.get("admin").asBoolean()).isFalse();
    assertThat(resolved.get("role").asString()).isEqualTo("Contributor");
  }

  @Test
  void answersAPersonalTokenWithoutARunName() {
    String personal =
        admin
            .postJson(
                "/api/v1/users",
                "{\"name\":\"p-" + UUID.randomUUID().toString().substring(0, 8) + "\"}")
            .json()
            .at("/token/token")
            .asString();
    JsonNode resolved = resolve(personal, workspace).json();
    assertThat(resolved.get("runName").isNull()).isTrue();
  }

  @Test
  void storesOnlyTheHashOfTheSecret() {
    UUID runId = UUID.randomUUID();
    String token = issue(runId, "hashed");
    List<Map<String, Object>> rows =
        jdbc.queryForList("select * from run_token where run_id = ?", runId);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("secret_hash")).isEqualTo(Hashes.sha256Hex(token));
    assertThat(rows.get(0).values()).extracting(String::valueOf).noneMatch(v -> v.contains(token));
    assertThat(rows.get(0).get("run_name")).isEqualTo("hashed");
    assertThat(rows.get(0).get("user_id")).isEqualTo(UUID.fromString(userId));
  }

  @Test
  void expiresAfterTheGivenTimeToLive() {
    TestHttp.Response issued =
        compute.postJson(
            "/internal/v1/run-tokens",
            issueBody(workspace, UUID.randomUUID(), "ttl", userId, 3600));
    Instant expiresAt = Instant.parse(issued.json().get("expiresAt").asString());
    assertThat(expiresAt)
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
  }

  @Test
  void refusesAnExpiredTokenLikeAnUnknownOne() {
    UUID runId = UUID.randomUUID();
    String token = issue(runId, "expiring");
    assertThat(resolve(token, workspace).status()).isEqualTo(200);
    jdbc.update(
        "update run_token set expires_at = now() - interval '1 second' where run_id = ?", runId);
    TestHttp.Response expired = resolve(token, workspace);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("code").asString()).isEqualTo("unauthenticated");
  }

  @Test
  void revokesEveryTokenOfTheRunAndRevokingAgainIsHarmless() {
    UUID runId = UUID.randomUUID();
    String first = issue(runId, "retried");
    String second = issue(runId, "retried");
    String otherRun = issue(UUID.randomUUID(), "other");
    assertThat(first).isNotEqualTo(second);
    assertThat(resolve(first, workspace).status()).isEqualTo(200);
    assertThat(resolve(second, workspace).status()).isEqualTo(200);

    assertThat(revoke(runId).status()).isEqualTo(204);
    assertThat(resolve(first, workspace).status()).isEqualTo(401);
    assertThat(resolve(second, workspace).status()).isEqualTo(401);
    assertThat(resolve(otherRun, workspace).status()).isEqualTo(200);

    assertThat(revoke(runId).status()).isEqualTo(204);
    assertThat(revoke(UUID.randomUUID()).status()).isEqualTo(204);
  }

  @Test
  void endsTheTokensOfADeletedWorkspace() {
    String token = issue(UUID.randomUUID(), "orphan");
    assertThat(admin.delete("/api/v1/workspaces/" + workspace).status()).isEqualTo(204);
    assertThat(resolve(token, workspace).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"59", "0", "-1", "2592001", "\"soon\"", "1.5"})
  void refusesATimeToLiveOutsideAMinuteToThirtyDaysAndWritesNothing(String ttl) {
    int before = runTokens();
    TestHttp.Response refused =
        compute.postJson(
            "/internal/v1/run-tokens", issueBody(workspace, UUID.randomUUID(), "r", userId, ttl));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(runTokens()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"60", "2592000"})
  void acceptsATimeToLiveAtItsBounds(String ttl) {
    TestHttp.Response issued =
        compute.postJson(
            "/internal/v1/run-tokens", issueBody(workspace, UUID.randomUUID(), "r", userId, ttl));
    assertThat(issued.status()).isEqualTo(201);
  }

  @Test
  void refusesIssuingForAnUnknownWorkspaceOrUserAndWritesNothing() {
    int before = runTokens();
    TestHttp.Response noWorkspace =
        compute.postJson(
            "/internal/v1/run-tokens",
            issueBody("no-such-ws", UUID.randomUUID(), "r", userId, 600));
    assertThat(noWorkspace.status()).isEqualTo(400);
    assertThat(noWorkspace.json().get("code").asString()).isEqualTo("workspace_not_found");
    TestHttp.Response noUser =
        compute.postJson(
            "/internal/v1/run-tokens",
            issueBody(workspace, UUID.randomUUID(), "r", UUID.randomUUID().toString(), 600));
    assertThat(noUser.status()).isEqualTo(400);
    assertThat(noUser.json().get("code").asString()).isEqualTo("user_not_found");
    assertThat(runTokens()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"workspace\":\"w\",\"runName\":\"r\",\"userId\":\"00000000-0000-0000-0000-000000000001\"}",
        "{\"workspace\":\"w\",\"runId\":\"not-a-uuid\",\"runName\":\"r\","
            + "\"userId\":\"00000000-0000-0000-0000-000000000001\"}",
        "{\"workspace\":\"w\",\"runId\":\"00000000-0000-0000-0000-000000000009\","
            + "\"runName\":\"../etc\",\"userId\":\"00000000-0000-0000-0000-000000000001\"}",
        "{\"workspace\":\"w\",\"runId\":\"00000000-0000-0000-0000-000000000009\","
            + "\"runName\":\"r\"}",
        "[]"
      })
  void refusesAMalformedRequestAndWritesNothing(String body) {
    int before = runTokens();
    TestHttp.Response refused = compute.postJson("/internal/v1/run-tokens", body);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(runTokens()).isEqualTo(before);
    assertThat(compute.postJson("/internal/v1/run-tokens/revoke", "{}").status()).isEqualTo(400);
  }

  @Test
  void keepsTheRunTokenRoutesForThePlatform() {
    int before = runTokens();
    String body = issueBody(workspace, UUID.randomUUID(), "r", userId, 600);
    TestHttp anonymous = TestHttp.onPort(port);
    assertThat(anonymous.postJson("/internal/v1/run-tokens", body).status()).isEqualTo(401);
    // Not even an administrator: /internal/ routes do not exist for anyone but the platform.
    assertThat(admin.postJson("/internal/v1/run-tokens", body).status()).isEqualTo(404);
    TestHttp member =
        TestHttp.onPort(port).withHeaders(TestIdentities.member(userId, workspace, Role.OWNER));
    assertThat(member.postJson("/internal/v1/run-tokens", body).status()).isEqualTo(404);
    assertThat(runTokens()).isEqualTo(before);

    UUID runId = UUID.randomUUID();
    String token = issue(runId, "kept");
    String revoke = "{\"runId\":\"" + runId + "\"}";
    assertThat(anonymous.postJson("/internal/v1/run-tokens/revoke", revoke).status())
        .isEqualTo(401);
    assertThat(member.postJson("/internal/v1/run-tokens/revoke", revoke).status()).isEqualTo(404);
    assertThat(resolve(token, workspace).status()).isEqualTo(200);
  }

  @Test
  void neverLetsARunTokenManagePersonalTokens() {
    TestHttp asRun =
        TestHttp.onPort(port)
            .withHeaders(
                TestIdentities.header(
                    new Identity(userId, "run:train-1", false, workspace, Role.CONTRIBUTOR, null)));
    int before = jdbc.queryForObject("select count(*) from access_token", Integer.class);
    String tokenId =
        jdbc.queryForObject(
            "select id from access_token where user_id = ?", String.class, UUID.fromString(userId));

    TestHttp.Response create = asRun.postJson("/api/v1/tokens", "{\"name\":\"escape\"}");
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.json().get("code").asString()).isEqualTo("run_token_scope");
    assertThat(asRun.get("/api/v1/tokens").status()).isEqualTo(403);
    assertThat(asRun.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(403);

    assertThat(jdbc.queryForObject("select count(*) from access_token", Integer.class))
        .isEqualTo(before);
    assertThat(
            jdbc.queryForObject(
                "select revoked_at is null from access_token where id = ?::uuid",
                Boolean.class,
                tokenId))
        .isTrue();
  }
}
