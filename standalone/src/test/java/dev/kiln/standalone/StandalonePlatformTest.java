package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.testsupport.TestHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The whole standalone platform, started once in this JVM on a free block of ports: routing through
 * the gateway, an event crossing services exactly once in effect while Kafka or the consumer
 * restarts, and data surviving a restart of the platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandalonePlatformTest {

  static StandalonePlatform platform;
  static TestHttp gateway;

  @BeforeAll
  static void start() {
    platform = SharedPlatform.get();
    gateway = SharedPlatform.asAdmin();
  }

  @Test
  @Order(1)
  void isHealthyOnlyWithEveryServiceUp() {
    TestHttp.Response health = gateway.get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    assertThat(health.json().at("/components/services/details").properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("workspace", "compute", "run", "registry", "deploy", "pipeline");
  }

  @ParameterizedTest
  @Order(2)
  @CsvSource({
    "/api/v1/workspaces, workspace-service",
    "/api/v1/workspaces/demo/datastores, workspace-service",
    "/api/v1/workspaces/demo/computes, compute-service",
    "/api/v1/workspaces/demo/experiments, run-service",
    "/api/v1/workspaces/demo/jobs/j1, run-service",
    "/api/v1/workspaces/demo/snapshots/abc, run-service",
    "/api/v1/workspaces/demo/models, registry-service",
    "/api/v1/workspaces/demo/components, registry-service",
    "/api/v1/workspaces/demo/online-endpoints, deploy-service",
    "/api/v1/workspaces/demo/batch-endpoints, deploy-service",
    "/api/v1/workspaces/demo/pipeline-endpoints, pipeline-service",
    "/api/v1/workspaces/demo/schedules, pipeline-service",
    "/mlflow/workspaces/demo/api/2.0/mlflow/runs/get, run-service",
    "/mlflow/workspaces/demo/api/2.0/mlflow/registered-models/get, registry-service",
    "/endpoints/wine/score, deploy-service"
  })
  void routesEachPathToItsOwningService(String path, String service) {
    TestHttp.Response response = gateway.get(path);
    assertThat(response.header("X-Kiln-Service")).isEqualTo(service);
    assertThat(response.raw().headers().allValues("X-Request-Id")).hasSize(1);
  }

  @Test
  @Order(3)
  void createsAWorkspaceThatRunServiceLearnsOfOnce() {
    String name = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    TestHttp.Response created =
        gateway.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> projected(name) == 1);
  }

  @Test
  @Order(4)
  void deliversAnEventPublishedWhileKafkaIsDownOnceItIsBack() {
    String name = "down-" + UUID.randomUUID().toString().substring(0, 8);
    double appliedBefore = applied();
    platform.kafka().stop();
    try {
      TestHttp.Response created =
          gateway.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}");
      assertThat(created.status()).isEqualTo(201);
      // The relay's send must have failed (not merely be waiting) before Kafka comes back, so
      // that only the outbox resubmission can deliver the event.
      await().atMost(Duration.ofSeconds(30)).until(() -> failedPublications() > 0);
    } finally {
      platform.kafka().start();
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> projected(name) == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications() == 0);
    assertThat(applied() - appliedBefore).isEqualTo(1);
  }

  @Test
  @Order(5)
  void appliesAnEventOnceWhenKafkaAndTheConsumerRestartBeforeItIsConsumed() {
    MessageListenerContainer consumer =
        platform
            .service("run")
            .getBean(KafkaListenerEndpointRegistry.class)
            .getListenerContainer("run-service.workspace-projection");
    String name = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    double appliedBefore = applied();
    consumer.stop();
    assertThat(gateway.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}").status())
        .isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications() == 0);
    platform.kafka().stop();
    platform.kafka().start();
    consumer.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> projected(name) == 1);
    assertThat(applied() - appliedBefore).isEqualTo(1);
  }

  @Test
  @Order(6)
  void keepsTheAdminTokenAndSecretsPrivate() throws IOException {
    Path token = platform.settings().adminToken();
    assertThat(Files.readString(token).trim()).startsWith("kiln_").hasSizeGreaterThan(40);
    assertThat(Files.getPosixFilePermissions(token))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(platform.settings().secrets()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  @Order(7)
  void keepsEveryWorkspaceAcrossARestart() throws IOException {
    String name = "kept-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(gateway.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}").status())
        .isEqualTo(201);
    String token = Files.readString(platform.settings().adminToken());
    StandaloneSettings settings = platform.settings();
    platform = SharedPlatform.restart();
    gateway = SharedPlatform.asAdmin();
    TestHttp.Response shown = gateway.get("/api/v1/workspaces/" + name);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().get("name").asString()).isEqualTo(name);
    assertThat(Files.readString(settings.adminToken())).isEqualTo(token);
    assertThat(projected(name)).isEqualTo(1);
  }

  private static JdbcTemplate jdbc(String service) {
    return new JdbcTemplate(platform.service(service).getBean(DataSource.class));
  }

  private static int projected(String name) {
    return jdbc("run")
        .queryForObject("select count(*) from known_workspace where name = ?", Integer.class, name);
  }

  /** How many events run-service's workspace projection has applied (not skipped) so far. */
  private static double applied() {
    Counter counter =
        platform
            .service("run")
            .getBean(MeterRegistry.class)
            .find("kiln.events.consumed")
            .tags("consumer", "run-service.workspace-projection", "outcome", "applied")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static int failedPublications() {
    return jdbc("workspace")
        .queryForObject(
            "select count(*) from event_publication where completion_date is null"
                + " and status = 'FAILED'",
            Integer.class);
  }

  private static int incompletePublications() {
    return jdbc("workspace")
        .queryForObject(
            "select count(*) from event_publication where completion_date is null", Integer.class);
  }
}
