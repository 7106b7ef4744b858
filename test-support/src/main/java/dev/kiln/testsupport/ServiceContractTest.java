package dev.kiln.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

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
    http = TestHttp.onPort(port);
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

  @Test
  void echoesTheCallersRequestIdOrMakesOne() {
    TestHttp.Response given =
        http.withHeaders(java.util.Map.of("X-Request-Id", "req-123")).get("/actuator/health");
    assertThat(given.header("X-Request-Id")).isEqualTo("req-123");
    TestHttp.Response made =
        http.withHeaders(java.util.Map.of("X-Request-Id", "bad id with spaces"))
            .get("/actuator/health");
    assertThat(made.header("X-Request-Id")).isNotBlank().isNotEqualTo("bad id with spaces");
  }
}
