package dev.kiln.compute.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.events.RunCanceled;
import dev.kiln.common.events.RunSubmitted;
import dev.kiln.common.events.SubmittedJob;
import dev.kiln.compute.ComputeServiceTest;
import dev.kiln.compute.TestWorkspaces;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outbox delivers at least once and not always in order; executions come out right anyway. */
@ComputeServiceTest
class EventOrderTest {

  @Autowired Executions executions;
  @Autowired DataSource dataSource;

  @Test
  void aCancelThatOvertookItsSubmissionEndsTheSubmissionAtOnce() {
    String workspace = TestWorkspaces.create(dataSource, "order");
    UUID workspaceId = TestWorkspaces.idOf(dataSource, workspace);
    UUID runId = UUID.randomUUID();

    executions.cancel(RunCanceled.of(workspaceId, runId, "early_bird"));
    executions.submit(submitted(workspaceId, workspace, runId));

    assertThat(stateAndOutcome(runId)).isEqualTo("ended/canceled");
    assertThat(
            new JdbcTemplate(dataSource)
                .queryForList(
                    "select run_id from early_cancel where run_id = ?", UUID.class, runId))
        .isEmpty();
  }

  @Test
  void aSubmissionDeliveredTwiceIsQueuedOnce() {
    String workspace = TestWorkspaces.create(dataSource, "twice");
    UUID workspaceId = TestWorkspaces.idOf(dataSource, workspace);
    UUID runId = UUID.randomUUID();
    executions.cancel(RunCanceled.of(workspaceId, runId, "echo"));
    RunSubmitted once = submitted(workspaceId, workspace, runId);

    executions.submit(once);
    executions.submit(once);

    assertThat(
            new JdbcTemplate(dataSource)
                .queryForObject(
                    "select count(*) from execution where run_id = ?", Integer.class, runId))
        .isEqualTo(1);
    assertThat(stateAndOutcome(runId)).isEqualTo("ended/canceled");
  }

  private RunSubmitted submitted(UUID workspaceId, String workspace, UUID runId) {
    SubmittedJob job =
        new SubmittedJob(
            "true", null, "local", null, Map.of(), Map.of(), Map.of(), null, 1, null, 0);
    return RunSubmitted.of(workspaceId, workspace, runId, "early_bird", null, "tester", job);
  }

  private String stateAndOutcome(UUID runId) {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select state || '/' || coalesce(outcome, '-') from execution where run_id = ?",
            String.class,
            runId);
  }
}
