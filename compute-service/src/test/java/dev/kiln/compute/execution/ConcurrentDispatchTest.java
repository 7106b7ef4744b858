package dev.kiln.compute.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.compute.ComputeServiceTest;
import dev.kiln.compute.TestWorkspaces;
import dev.kiln.compute.workspace.WorkspaceForgotten;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Schedulers of several replicas placing jobs on one target never overfill it: placing holds the
 * target's row, a scheduler that finds it held places nothing, and what is placed is the head of
 * the queue by priority.
 */
@ComputeServiceTest
class ConcurrentDispatchTest {

  static final String JOB =
      "{\"command\":\"true\",\"compute\":\"pool\",\"inputs\":{},\"outputs\":{},"
          + "\"instanceCount\":1,\"priority\":0}";

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired Scheduler scheduler;
  @Autowired TransactionTemplate transactions;
  @Autowired ApplicationEventPublisher events;

  @Test
  @Timeout(60)
  void aTargetHeldByAnotherSchedulerGetsNothingPlacedUntilItIsFree() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    UUID computeId = queuedJobsOnANewTarget(jdbc, 10);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService otherReplica = Executors.newSingleThreadExecutor();
    Future<?> holding =
        otherReplica.submit(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      // what another replica's scheduler holds while it places jobs
                      jdbc.queryForList(
                          "select id from compute_target where id = ? for update", computeId);
                      held.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    held.await();

    assertThat(scheduler.place(computeId)).isEmpty();
    assertThat(active(jdbc, computeId)).isZero();

    release.countDown();
    holding.get();
    otherReplica.shutdown();
    assertThat(scheduler.place(computeId)).hasSize(4);
    assertThat(active(jdbc, computeId)).isEqualTo(4);
  }

  @Test
  void twoSchedulersAtOnceFillATargetExactlyToItsCapacityInPriorityOrder() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    // More than one scheduler pass takes at once, so the second replica would find rows of its own.
    UUID computeId = queuedJobsOnANewTarget(jdbc, 150);

    ExecutorService replicas = Executors.newFixedThreadPool(2);
    CyclicBarrier together = new CyclicBarrier(2);
    List<Future<Integer>> placed = new ArrayList<>();
    for (int replica = 0; replica < 2; replica++) {
      placed.add(
          replicas.submit(
              () -> {
                int count = 0;
                for (int pass = 0; pass < 10; pass++) {
                  together.await();
                  count += scheduler.place(computeId).size();
                }
                return count;
              }));
    }
    int total = 0;
    for (Future<Integer> f : placed) {
      total += f.get();
    }
    replicas.shutdown();

    assertThat(total).isEqualTo(4);
    assertThat(
            jdbc.queryForList(
                "select run_name from execution where compute_id = ? and state = 'active'"
                    + " order by run_name",
                String.class,
                computeId))
        .containsExactly("job_146", "job_147", "job_148", "job_149");
    assertThat(
            jdbc.queryForObject(
                "select nodes from compute_scale where compute_id = ?", Integer.class, computeId))
        .isEqualTo(2);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from execution_attempt a join execution e using (run_id)"
                    + " where e.compute_id = ?",
                Integer.class,
                computeId))
        .isEqualTo(4);
  }

  /** A target of 2 nodes × 2 slots with {@code count} queued one-slot jobs of priority 0, 1, … */
  @Test
  void aDeletedWorkspacesJobsEndAndItsTargetsLeaveNoRowsBehind() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    UUID computeId = queuedJobsOnANewTarget(jdbc, 6);
    UUID workspaceId =
        jdbc.queryForObject(
            "select workspace_id from compute_target where id = ?", UUID.class, computeId);
    assertThat(scheduler.place(computeId)).hasSize(4);

    transactions.executeWithoutResult(
        status -> events.publishEvent(new WorkspaceForgotten(workspaceId)));

    assertThat(
            jdbc.queryForList(
                "select state || '/' || coalesce(outcome, '-') || '/' || cancel_requested"
                    + " from execution where workspace_id = ? order by 1",
                String.class,
                workspaceId))
        .containsExactly(
            "active/-/true",
            "active/-/true",
            "active/-/true",
            "active/-/true",
            "ended/canceled/false",
            "ended/canceled/false");
    assertThat(
            jdbc.queryForList(
                "select compute_id from execution where state = 'queued'" + " and compute_id = ?",
                UUID.class,
                computeId))
        .isEmpty();
    for (String table : List.of("compute_target", "compute_scale", "compute_usage")) {
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from "
                      + table
                      + " where "
                      + (table.equals("compute_target") ? "id" : "compute_id")
                      + " = ?",
                  Integer.class,
                  computeId))
          .as(table)
          .isZero();
    }
  }

  private UUID queuedJobsOnANewTarget(JdbcTemplate jdbc, int count) {
    String workspace = TestWorkspaces.create(dataSource, "dispatch");
    TestHttp.Response created =
        TestHttp.onPort(port)
            .withHeaders(TestIdentities.admin())
            .send(
                "PUT",
                "/api/v1/workspaces/" + workspace + "/computes/pool",
                "application/json",
                "{\"type\":\"amlcompute\",\"min_instances\":0,\"max_instances\":2,"
                    + "\"slots_per_node\":2}");
    assertThat(created.status()).isEqualTo(201);
    UUID computeId = UUID.fromString(created.json().get("id").asString());
    for (int i = 0; i < count; i++) {
      jdbc.update(
          "insert into execution (run_id, workspace_id, workspace, run_name, compute_id, job,"
              + " priority, slots, state, queued_at, not_before) values (?, ?, ?, ?, ?, ?::jsonb,"
              + " ?, 1, 'queued', now(), now())",
          UUID.randomUUID(),
          TestWorkspaces.idOf(dataSource, workspace),
          workspace,
          "job_" + i,
          computeId,
          JOB,
          i);
    }
    return computeId;
  }

  private static int active(JdbcTemplate jdbc, UUID computeId) {
    return jdbc.queryForObject(
        "select count(*) from execution where compute_id = ? and state = 'active'",
        Integer.class,
        computeId);
  }
}
