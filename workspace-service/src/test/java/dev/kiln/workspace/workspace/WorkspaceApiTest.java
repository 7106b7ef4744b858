package dev.kiln.workspace.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.testsupport.SharedInfrastructure;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@WorkspaceServiceTest
class WorkspaceApiTest {

  @LocalServerPort int port;
  @Autowired WorkspaceRepository repository;

  TestHttp http;

  @BeforeEach
  void connect() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void createsReadsAndDeletesAWorkspace() {
    String name = unique("demo");
    TestHttp.Response created =
        http.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\",\"description\":\"d\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/workspaces/" + name);
    assertThat(created.json().get("name").asString()).isEqualTo(name);
    assertThat(created.json().get("id").asString()).isNotBlank();

    TestHttp.Response shown = http.get("/api/v1/workspaces/" + name);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().get("description").asString()).isEqualTo("d");

    assertThat(http.delete("/api/v1/workspaces/" + name).status()).isEqualTo(204);
    TestHttp.Response gone = http.get("/api/v1/workspaces/" + name);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.contentType()).startsWith("application/problem+json");
    assertThat(gone.json().get("code").asString()).isEqualTo("workspace_not_found");
  }

  @Test
  void refusesADuplicateNameInAnyCaseAndWritesNothing() {
    String name = unique("dup");
    assertThat(http.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}").status())
        .isEqualTo(201);
    long before = repository.count();
    TestHttp.Response duplicate =
        http.postJson("/api/v1/workspaces", "{\"name\":\"" + name.toUpperCase() + "\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().get("code").asString()).isEqualTo("workspace_exists");
    assertThat(repository.count()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"..\"}",
        "{\"name\":\"../etc\"}",
        "{\"name\":\"ab\"}",
        "{\"name\":\"a%2e%2e\"}",
        "{\"name\":\"-leading\"}",
        "{\"name\":\"with space\"}",
        "{\"name\":\"0123456789012345678901234567890123\"}",
        "{}",
        "{\"name\":",
        "not json",
        "[1,2]"
      })
  void refusesAnInvalidRequestWithProblemJsonAndWritesNothing(String body) {
    long before = repository.count();
    TestHttp.Response response = http.postJson("/api/v1/workspaces", body);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asString()).isEqualTo("invalid_request");
    assertThat(repository.count()).isEqualTo(before);
  }

  @Test
  void refusesAnOversizedDescription() {
    String body =
        "{\"name\":\"" + unique("big") + "\",\"description\":\"" + "x".repeat(1001) + "\"}";
    TestHttp.Response response = http.postJson("/api/v1/workspaces", body);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("description");
  }

  @Test
  void refusesADocumentOverTheSizeLimitWith413AndWritesNothing() {
    long before = repository.count();
    String body =
        "{\"name\":\"" + unique("huge") + "\",\"description\":\"" + "x".repeat(2_000_000) + "\"}";
    for (TestHttp.Response response :
        List.of(
            http.postJson("/api/v1/workspaces", body),
            http.postJsonChunked("/api/v1/workspaces", body))) {
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("code").asString()).isEqualTo("payload_too_large");
    }
    assertThat(repository.count()).isEqualTo(before);
  }

  @Test
  void pagesThroughWorkspacesWithACursor() {
    String prefix = "page" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 5; i++) {
      http.postJson("/api/v1/workspaces", "{\"name\":\"" + prefix + "-" + i + "\"}");
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      TestHttp.Response page =
          http.get("/api/v1/workspaces?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      for (JsonNode item : page.json().get("items")) {
        seen.add(item.get("name").asString());
      }
      JsonNode next = page.json().get("next");
      cursor = next.isNull() ? null : next.asString();
      pages++;
    } while (cursor != null);
    assertThat(seen).isSorted().doesNotHaveDuplicates();
    assertThat(seen.stream().filter(n -> n.startsWith(prefix)))
        .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"?cursor=not-a-cursor", "?limit=0", "?limit=100000", "?limit=abc"})
  void refusesABadPageRequest(String query) {
    TestHttp.Response response = http.get("/api/v1/workspaces" + query);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void announcesACreatedWorkspaceOnKafka() {
    String name = unique("evt");
    http.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}");
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedInfrastructure.get().kafka().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("kiln.workspaces"));
      List<String> values = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                assertThat(values)
                    .anyMatch(v -> v.contains("\"WorkspaceCreated\"") && v.contains(name));
              });
    }
  }
}
