package dev.kiln.run.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.event.EventHousekeeping;
import dev.kiln.common.event.KafkaEventRelay;
import dev.kiln.common.event.OutboxResubmitter;
import dev.kiln.run.RunServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

@RunServiceTest
class EventHousekeepingTest {

  @Autowired EventHousekeeping housekeeping;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;

  @Test
  void runsTheOutboxLoopsInEveryService() {
    assertThat(context.getBeanNamesForType(OutboxResubmitter.class)).hasSize(1);
    assertThat(context.getBeanNamesForType(KafkaEventRelay.class)).hasSize(1);
  }

  @Test
  void forgetsOldCompletedPublicationsAndProcessedIdsButKeepsRecentOnes() {
    UUID oldPublication = UUID.randomUUID();
    UUID newPublication = UUID.randomUUID();
    UUID unfinished = UUID.randomUUID();
    insertPublication(oldPublication, "now() - interval '30 days'", "now() - interval '30 days'");
    insertPublication(newPublication, "now()", "now()");
    insertPublication(unfinished, "now() - interval '30 days'", null);
    UUID oldEvent = UUID.randomUUID();
    UUID newEvent = UUID.randomUUID();
    jdbc.update(
        "insert into processed_event (consumer, event_id, event_type, processed_at)"
            + " values ('test', ?, 'X', now() - interval '60 days'), ('test', ?, 'X', now())",
        oldEvent,
        newEvent);

    housekeeping.clean();

    assertThat(publicationExists(oldPublication)).isFalse();
    assertThat(publicationExists(newPublication)).isTrue();
    assertThat(publicationExists(unfinished)).isTrue();
    assertThat(processed(oldEvent)).isZero();
    assertThat(processed(newEvent)).isEqualTo(1);
  }

  private void insertPublication(UUID id, String published, String completed) {
    jdbc.update(
        "insert into event_publication (id, listener_id, event_type, serialized_event,"
            + " publication_date, completion_date, status, completion_attempts) values (?, 'test',"
            + " 'X', '{}', "
            + published
            + ", "
            + (completed == null ? "null" : completed)
            + ", "
            + (completed == null ? "'PUBLISHED'" : "'COMPLETED'")
            + ", 0)",
        id);
  }

  private boolean publicationExists(UUID id) {
    return jdbc.queryForObject(
            "select count(*) from event_publication where id = ?", Integer.class, id)
        == 1;
  }

  private int processed(UUID id) {
    return jdbc.queryForObject(
        "select count(*) from processed_event where event_id = ?", Integer.class, id);
  }
}
