package dev.kiln.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.app.KilnServiceApplication;
import dev.kiln.testsupport.FreePorts;
import dev.kiln.testsupport.SharedInfrastructureInitializer;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The gateway in front of a real workspace-service (which authenticates tokens), with every other
 * service pointing at a closed port. Routing to every live service is tested on the whole
 * standalone platform.
 */
class GatewayTest {

  static final String ADMIN_TOKEN = "kiln_test-admin-token";

  static ConfigurableApplicationContext workspaceService;
  static ConfigurableApplicationContext gateway;
  static TestHttp anonymous;
  static TestHttp admin;

  @BeforeAll
  static void start() {
    workspaceService =
        KilnServiceApplication.builder(
                WorkspaceServiceApplication.class, WorkspaceServiceApplication.NAME)
            .initializers(new SharedInfrastructureInitializer())
            .run("--server.port=0");
    String nowhere = "http://127.0.0.1:" + FreePorts.block(1);
    gateway =
        GatewayApplication.builder()
            .run(
                "--server.port=0",
                "--kiln.internal-secret=" + TestIdentities.SECRET,
                "--kiln.services.workspace=http://127.0.0.1:" + port(workspaceService),
                "--kiln.services.compute=" + nowhere,
                "--kiln.services.run=" + nowhere,
                "--kiln.services.registry=" + nowhere,
                "--kiln.services.deploy=" + nowhere,
                "--kiln.services.pipeline=" + nowhere);
    anonymous = TestHttp.onPort(port(gateway));
    admin = anonymous.withHeaders(bearer(ADMIN_TOKEN));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    workspaceService.close();
  }

  static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(
        context.getBean(Environment.class).getRequiredProperty("local.server.port"));
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  @Test
  void passesAnAuthenticatedRequestToTheOwningService() {
    TestHttp.Response response = admin.get("/api/v1/workspaces");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("X-Kiln-Service")).isEqualTo("workspace-service");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer kiln_unknown"})
  void refusesARequestWithoutAValidToken(String authorization) {
    TestHttp client =
        authorization.isEmpty()
            ? anonymous
            : anonymous.withHeaders(Map.of("Authorization", authorization));
    TestHttp.Response response = client.get("/api/v1/workspaces");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asString()).isEqualTo("unauthenticated");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/workspaces//etc/passwd",
        "/api/v1/workspaces/a/../b",
        "/api/v1/workspaces/./a",
        "/api/v1/workspaces/a/..",
        "/api/v1/workspaces/%2e%2e/a",
        "/api/v1/workspaces/%252e%252e/a",
        "/api/v1/workspaces/a;x=1",
        "/api/v1/workspaces/a%5cb"
      })
  void refusesATraversalTrickBeforeRoutingIt(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(gateway) + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"invalid_path\"");
  }

  @Test
  void passesAnEncodedQueryOnAsItCame() {
    // %31%30 is "10": decoded once by the service, it is a valid limit; encoded twice, it is not.
    assertThat(admin.get("/api/v1/workspaces?limit=%31%30").status()).isEqualTo(200);
  }

  @Test
  void dropsAnIdentityHeaderSentByAClient() {
    TestHttp forging = anonymous.withHeaders(TestIdentities.admin());
    assertThat(forging.get("/api/v1/workspaces").status()).isEqualTo(401);
  }

  @Test
  void refusesARevokedTokenWithinSeconds() {
    JsonNode created = admin.postJson("/api/v1/tokens", "{\"name\":\"short-lived\"}").json();
    TestHttp holder = anonymous.withHeaders(bearer(created.get("token").asString()));
    assertThat(holder.get("/api/v1/tokens").status()).isEqualTo(200);

    assertThat(admin.delete("/api/v1/tokens/" + created.get("id").asString()).status())
        .isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> holder.get("/api/v1/tokens").status() == 401);
  }

  @Test
  void refusesAnExpiredToken() {
    JsonNode created =
        admin.postJson("/api/v1/tokens", "{\"name\":\"expiring\",\"expiresInDays\":1}").json();
    TestHttp holder = anonymous.withHeaders(bearer(created.get("token").asString()));
    assertThat(holder.get("/api/v1/tokens").status()).isEqualTo(200);
    new JdbcTemplate(workspaceService.getBean(DataSource.class))
        .update(
            "update access_token set expires_at = now() - interval '1 minute' where id = ?",
            UUID.fromString(created.get("id").asString()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> holder.get("/api/v1/tokens").status() == 401);
  }

  @Test
  void answersAnUnknownRouteWith404ProblemJson() {
    TestHttp.Response response = admin.get("/api/v2/nothing-here");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("code").asString()).isEqualTo("not_found");
    assertThat(problem.get("retryable").asBoolean()).isFalse();
  }

  @Test
  void answersAnUnreachableServiceWithRetryable503() {
    TestHttp.Response response = admin.get("/api/v1/workspaces/any/computes");
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().get("code").asString()).isEqualTo("unavailable");
    assertThat(response.json().get("retryable").asBoolean()).isTrue();
  }

  @Test
  void isDownWhileAnyServiceIsUnreachable() {
    TestHttp.Response response = anonymous.get("/actuator/health");
    assertThat(response.status()).isEqualTo(503);
    JsonNode health = response.json();
    assertThat(health.get("status").asString()).isEqualTo("DOWN");
    assertThat(health.at("/components/services/details/workspace").asString()).isEqualTo("UP");
    assertThat(health.at("/components/services/details/compute").asString())
        .isEqualTo("UNREACHABLE");
  }

  @Test
  void propagatesTheCallersRequestIdOrMakesOne() {
    TestHttp.Response given =
        admin.withHeaders(Map.of("X-Request-Id", "abc-1")).get("/api/v1/workspaces");
    assertThat(given.raw().headers().allValues("X-Request-Id")).containsExactly("abc-1");
    assertThat(anonymous.get("/api/v1/version").header("X-Request-Id")).hasSizeGreaterThan(8);
  }

  @Test
  void answersItsVersionWithoutAToken() {
    TestHttp.Response response = anonymous.get("/api/v1/version");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("version").asString()).isNotBlank();
  }
}
