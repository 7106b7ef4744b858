package dev.kiln.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.auth.IdentityTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every Kiln service promises whatever its features: health, Prometheus metrics tagged with
 * its name, an OpenAPI document, problem+json for unknown routes, and request ids. Each service's
 * tests extend this class once.
 */
public abstract class ServiceContractTest {

  @LocalServerPort int port;

  @Value("${spring.application.name}")
  String serviceName;

  protected TestHttp http;

  @BeforeEach
  void connect() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
  }

  @Test
  void answersHealthUp() {
    TestHttp.Response health = http.get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
  }

  @Test
  void exposesPrometheusMetricsTaggedWithItsName() {
    TestHttp.Response metrics = http.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("application=\"" + serviceName + "\"");
  }

  @Test
  void publishesAnOpenApiDocument() {
    TestHttp.Response document = http.get("/v3/api-docs");
    assertThat(document.status()).isEqualTo(200);
    assertThat(document.json().get("openapi").asString()).startsWith("3.");
  }

  @Test
  void answersUnknownRoutesWithProblemJson() {
    TestHttp.Response response = http.get("/api/v1/no-such-collection");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asString()).isEqualTo("not_found");
    assertThat(response.json().get("retryable").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-a-token",
        "eyJzdWJqZWN0IjoiYWRtaW4ifQ.forged-signature",
        "eyJzdWJqZWN0IjoiYWRtaW4iLCJhZG1pbiI6dHJ1ZX0"
      })
  void refusesAnApiRequestWithoutAValidIdentity(String identity) {
    TestHttp anonymous = TestHttp.onPort(port);
    TestHttp.Response response =
        identity.isEmpty()
            ? anonymous.get("/api/v1/workspaces")
            : anonymous.withHeaders(Map.of("X-Kiln-Identity", identity)).get("/api/v1/workspaces");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asString()).isEqualTo("unauthenticated");
  }

  @Test
  void refusesAnIdentitySignedWithAnotherSecret() {
    IdentityTokens other =
        new IdentityTokens(
            "another-secret-of-enough-length", JsonMapper.builder().build(), Clock.systemUTC());
    String forged =
        other.sign(new Identity(TestIdentities.ADMIN_ID, "admin", true, null, null, null));
    TestHttp.Response response =
        TestHttp.onPort(port)
            .withHeaders(Map.of("X-Kiln-Identity", forged))
            .get("/api/v1/workspaces");
    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void refusesAnExpiredIdentity() {
    IdentityTokens past =
        new IdentityTokens(
            TestIdentities.SECRET,
            JsonMapper.builder().build(),
            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5)));
    String expired =
        past.sign(new Identity(TestIdentities.ADMIN_ID, "admin", true, null, null, null));
    TestHttp.Response response =
        TestHttp.onPort(port)
            .withHeaders(Map.of("X-Kiln-Identity", expired))
            .get("/api/v1/workspaces");
    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void echoesTheCallersRequestIdOrMakesOne() {
    TestHttp.Response given =
        http.withHeaders(Map.of("X-Request-Id", "req-123")).get("/actuator/health");
    assertThat(given.header("X-Request-Id")).isEqualTo("req-123");
    TestHttp.Response made =
        http.withHeaders(Map.of("X-Request-Id", "bad id with spaces")).get("/actuator/health");
    assertThat(made.header("X-Request-Id")).isNotBlank().isNotEqualTo("bad id with spaces");
  }
}
