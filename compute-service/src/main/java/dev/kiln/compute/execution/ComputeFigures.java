package dev.kiln.compute.execution;

import dev.kiln.compute.target.ComputeLoad;
import dev.kiln.compute.target.ComputeUsageHistory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The scheduler's figures of each compute target, read from the database by any replica. */
@Component
class ComputeFigures implements ComputeLoad, ComputeUsageHistory {

  private final JdbcTemplate jdbc;
  private final ExecutionStore store;
  private final ComputeScale scale;

  ComputeFigures(JdbcTemplate jdbc, ExecutionStore store, ComputeScale scale) {
    this.jdbc = jdbc;
    this.store = store;
    this.scale = scale;
  }

  @Override
  public Load of(UUID computeId) {
    int minNodes = Target.find(jdbc, computeId).map(Target::minNodes).orElse(0);
    return new Load(
        scale.currentNodes(computeId, minNodes),
        store.busySlots(computeId),
        store.count(computeId, Execution.QUEUED),
        store.count(computeId, Execution.ACTIVE));
  }

  @Override
  public List<Sample> of(UUID computeId, Instant since) {
    return jdbc.query(
        "select time, nodes, busy_slots, queued from compute_usage where compute_id = ? and time"
            + " >= ? order by time",
        (rs, i) ->
            new Sample(
                rs.getObject("time", OffsetDateTime.class).toInstant(),
                rs.getInt("nodes"),
                rs.getInt("busy_slots"),
                rs.getInt("queued")),
        computeId,
        OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
  }
}
