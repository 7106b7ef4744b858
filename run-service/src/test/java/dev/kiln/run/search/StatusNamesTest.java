package dev.kiln.run.search;

import static dev.kiln.run.run.RunStatus.CANCELED;
import static dev.kiln.run.run.RunStatus.COMPLETED;
import static dev.kiln.run.run.RunStatus.FAILED;
import static dev.kiln.run.run.RunStatus.FINALIZING;
import static dev.kiln.run.run.RunStatus.NOT_STARTED;
import static dev.kiln.run.run.RunStatus.PREPARING;
import static dev.kiln.run.run.RunStatus.QUEUED;
import static dev.kiln.run.run.RunStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusNamesTest {

  @Test
  void mapsMlflowNamesAsMlflowSeesKilnStatuses() {
    assertThat(StatusNames.named("RUNNING")).containsExactlyInAnyOrder(RUNNING, FINALIZING);
    assertThat(StatusNames.named("SCHEDULED"))
        .containsExactlyInAnyOrder(NOT_STARTED, QUEUED, PREPARING);
    assertThat(StatusNames.named("FINISHED")).containsExactly(COMPLETED);
    assertThat(StatusNames.named("FAILED")).containsExactly(FAILED);
    assertThat(StatusNames.named("KILLED")).containsExactly(CANCELED);
  }

  @Test
  void readsKilnNamesInAnyCase() {
    assertThat(StatusNames.named("Running")).containsExactly(RUNNING);
    assertThat(StatusNames.named("completed")).containsExactly(COMPLETED);
    assertThat(StatusNames.named("NOT_STARTED")).containsExactly(NOT_STARTED);
    assertThat(StatusNames.named("Done")).isEmpty();
  }

  @Test
  void matchesLikePatternsAgainstEveryName() {
    assertThat(StatusNames.like("FIN%", false)).containsExactlyInAnyOrder(COMPLETED, FINALIZING);
    assertThat(StatusNames.like("fin%", false)).isEmpty();
    assertThat(StatusNames.like("fin%", true)).containsExactlyInAnyOrder(COMPLETED, FINALIZING);
    assertThat(StatusNames.like("Cancel_d", false)).containsExactly(CANCELED);
    assertThat(StatusNames.like("100\\%", false)).isEmpty();
  }
}
