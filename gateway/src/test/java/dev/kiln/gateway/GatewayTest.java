package dev.kiln.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway on its own, with every service pointing at a closed port: what it answers itself.
 * Routing to live services is tested on the whole standalone platform.
 */
class GatewayTest {

  static ConfigurableApplicationContext gateway;
  static HttpClient client = HttpClient.newHttpClient();
  static JsonMapper json = JsonMapper.builder().build();
  static int port;

  @BeforeAll
  static void start() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closed;
    gateway =
        GatewayApplication.builder()
            .run(
                "--server.port=0",
                "--kiln.services.workspace=" + nowhere,
                "--kiln.services.compute=" + nowhere,
                "--kiln.services.run=" + nowhere,
                "--kiln.services.registry=" + nowhere,
                "--kiln.services.deploy=" + nowhere,
                "--kiln.services.pipeline=" + nowhere);
    port =
        Integer.parseInt(
            gateway.getBean(Environment.class).getRequiredProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersAnUnknownRouteWith404ProblemJson() throws Exception {
    HttpResponse<String> response = get("/api/v2/nothing-here", Map.of());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("code").asString()).isEqualTo("not_found");
    assertThat(problem.get("retryable").asBoolean()).isFalse();
    assertThat(problem.get("status").asInt()).isEqualTo(404);
  }

  @Test
  void answersAnUnreachableServiceWithRetryable503() throws Exception {
    HttpResponse<String> response = get("/api/v1/workspaces", Map.of());
    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("code").asString()).isEqualTo("unavailable");
    assertThat(problem.get("retryable").asBoolean()).isTrue();
  }

  @Test
  void isDownWhileAnyServiceIsUnreachable() throws Exception {
    HttpResponse<String> response = get("/actuator/health", Map.of());
    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode health = json.readTree(response.body());
    assertThat(health.get("status").asString()).isEqualTo("DOWN");
    assertThat(health.at("/components/services/details/workspace").asString())
        .isEqualTo("UNREACHABLE");
  }

  @Test
  void propagatesTheCallersRequestIdOrMakesOne() throws Exception {
    assertThat(
            get("/api/v1/version", Map.of("X-Request-Id", "abc-1"))
                .headers()
                .firstValue("X-Request-Id"))
        .contains("abc-1");
    assertThat(get("/api/v1/version", Map.of()).headers().firstValue("X-Request-Id"))
        .get()
        .asString()
        .hasSizeGreaterThan(8);
  }

  @Test
  void answersItsVersion() throws Exception {
    HttpResponse<String> response = get("/api/v1/version", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("version").asString()).isNotBlank();
  }
}
