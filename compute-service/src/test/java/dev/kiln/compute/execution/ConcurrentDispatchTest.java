package dev.kiln.compute.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.compute.ComputeServiceTest;
import dev.kiln.compute.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two schedulers (as two replicas would run them) placing jobs on one target at the same moment
 * never overfill it, and what they place is the head of the queue by priority.
 */
@ComputeServiceTest
class ConcurrentDispatchTest {

  static final String JOB =
      "{\"command\":\"true\",\"compute\":\"pool\",\"inputs\":{},\"outputs\":{},"
          + "\"instanceCount\":1,\"priority\":0}";

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired Scheduler scheduler;

  @Test
  void twoSchedulersAtOnceFillATargetExactlyToItsCapacityInPriorityOrder() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
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
    // More than one scheduler pass takes at once, so the second replica would find rows of its own.
    for (int i = 0; i < 150; i++) {
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
}
