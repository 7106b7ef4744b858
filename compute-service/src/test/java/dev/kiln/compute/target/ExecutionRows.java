package dev.kiln.compute.target;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts jobs on a compute target as the scheduler records them (rows of {@code execution} and {@code
 * compute_scale}), in a context whose scheduler loops are off, so that the target's figures come
 * from the real queries without any job running.
 */
final class ExecutionRows {

  private final JdbcTemplate jdbc;

  ExecutionRows(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** {@code count} jobs of one slot each in {@code state} ({@code queued} or {@code active}). */
  void add(UUID computeId, String state, int count) {
    for (int i = 0; i < count; i++) {
      UUID run = UUID.randomUUID();
      jdbc.update(
          "insert into execution (run_id, workspace_id, workspace, run_name, compute_id, job,"
              + " slots, state, queued_at, not_before) values (?, ?, 'ws', ?, ?, '{}'::jsonb, 1,"
              + " ?, now(), now())",
          run,
          UUID.randomUUID(),
          "run-" + run,
          computeId,
          state);
    }
  }

  void setNodes(UUID computeId, int nodes) {
    jdbc.update(
        "insert into compute_scale (compute_id, nodes) values (?, ?) on conflict (compute_id) do"
            + " update set nodes = excluded.nodes",
        computeId,
        nodes);
  }

  /** The jobs of the target end. */
  void endAll(UUID computeId) {
    jdbc.update("update execution set state = 'ended' where compute_id = ?", computeId);
  }
}
