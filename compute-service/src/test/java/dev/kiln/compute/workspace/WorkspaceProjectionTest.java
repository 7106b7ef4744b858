package dev.kiln.compute.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.event.EventEnvelope;
import dev.kiln.common.event.KilnEvent;
import dev.kiln.common.events.WorkspaceCreated;
import dev.kiln.common.events.WorkspaceDeleted;
import dev.kiln.compute.ComputeServiceTest;
import dev.kiln.compute.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@ComputeServiceTest
class WorkspaceProjectionTest {

  @LocalServerPort int port;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired KnownWorkspaceRepository workspaces;
  @Autowired DataSource dataSource;
  @Autowired JsonMapper json;

  private void send(KilnEvent event) throws Exception {
    kafka
        .send(event.topic(), event.key(), json.writeValueAsString(EventEnvelope.of(event, json)))
        .get();
  }

  private static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void learnsAWorkspaceFromItsEventOnceWithoutADefaultCompute() throws Exception {
    WorkspaceCreated created = WorkspaceCreated.of(UUID.randomUUID(), name("twice"), null);

    send(created);
    send(created);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workspaces.existsById(created.workspaceId()));
    assertThat(workspaces.findAll().stream().filter(w -> w.name().equals(created.name())))
        .hasSize(1);
    assertThat(TestWorkspaces.computes(dataSource, created.name())).isZero();
  }

  @Test
  void forgetsADeletedWorkspaceAndItsComputes() throws Exception {
    WorkspaceCreated created = WorkspaceCreated.of(UUID.randomUUID(), name("short-lived"), null);
    send(created);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workspaces.existsById(created.workspaceId()));
    TestHttp http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    assertThat(
            http.send(
                    "PUT",
                    "/api/v1/workspaces/" + created.name() + "/computes/cpu-pool",
                    "application/json",
                    "{}")
                .status())
        .isEqualTo(201);

    send(WorkspaceDeleted.of(created.workspaceId(), created.name()));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !workspaces.existsById(created.workspaceId()));
    assertThat(
            new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .queryForObject(
                    "select count(*) from compute_target where workspace_id = ?",
                    Integer.class,
                    created.workspaceId()))
        .isZero();
  }

  @Test
  void skipsARecordThatIsNotAnEnvelope() throws Exception {
    kafka.send(WorkspaceCreated.TOPIC, "junk", "{not json").get();
    WorkspaceCreated after = WorkspaceCreated.of(UUID.randomUUID(), name("after-junk"), null);

    send(after);

    await().atMost(Duration.ofSeconds(30)).until(() -> workspaces.existsById(after.workspaceId()));
  }
}
