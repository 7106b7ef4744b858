package dev.kiln.run.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.event.EventEnvelope;
import dev.kiln.common.events.WorkspaceCreated;
import dev.kiln.common.events.WorkspaceDeleted;
import dev.kiln.run.RunServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@RunServiceTest
class WorkspaceProjectionTest {

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired KnownWorkspaceRepository workspaces;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired MeterRegistry meters;
  @Autowired JsonMapper json;

  private void send(WorkspaceCreated event) throws Exception {
    kafka
        .send(event.topic(), event.key(), json.writeValueAsString(EventEnvelope.of(event, json)))
        .get();
  }

  private double count(String outcome) {
    var counter =
        meters
            .find("kiln.events.consumed")
            .tags("consumer", WorkspaceEventsListener.CONSUMER, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void appliesARedeliveredEventOnce() throws Exception {
    WorkspaceCreated created = WorkspaceCreated.of(UUID.randomUUID(), "twice", null);
    double duplicatesBefore = count("duplicate");
    send(created);
    send(created);
    await().atMost(Duration.ofSeconds(30)).until(() -> count("duplicate") >= duplicatesBefore + 1);
    assertThat(workspaces.findById(created.workspaceId()))
        .get()
        .extracting(KnownWorkspace::name)
        .isEqualTo("twice");
    assertThat(workspaces.findAll().stream().filter(w -> w.name().equals("twice"))).hasSize(1);
  }

  @Test
  void catchesUpOnceAfterTheConsumerRestarts() throws Exception {
    var container = listeners.getListenerContainer(WorkspaceEventsListener.CONSUMER);
    container.stop();
    WorkspaceCreated created = WorkspaceCreated.of(UUID.randomUUID(), "while-down", null);
    send(created);
    assertThat(workspaces.findById(created.workspaceId())).isEmpty();
    container.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workspaces.findById(created.workspaceId()).isPresent());
  }

  @Test
  void forgetsADeletedWorkspace() throws Exception {
    WorkspaceCreated created = WorkspaceCreated.of(UUID.randomUUID(), "short-lived", null);
    send(created);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workspaces.existsById(created.workspaceId()));
    WorkspaceDeleted deleted = WorkspaceDeleted.of(created.workspaceId(), created.name());
    kafka
        .send(
            deleted.topic(),
            deleted.key(),
            json.writeValueAsString(EventEnvelope.of(deleted, json)))
        .get();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !workspaces.existsById(created.workspaceId()));
  }

  @Test
  void skipsARecordThatIsNotAnEnvelope() throws Exception {
    kafka.send(WorkspaceCreated.TOPIC, "junk", "{not json").get();
    WorkspaceCreated after = WorkspaceCreated.of(UUID.randomUUID(), "after-junk", null);
    send(after);
    await().atMost(Duration.ofSeconds(30)).until(() -> workspaces.existsById(after.workspaceId()));
  }
}
