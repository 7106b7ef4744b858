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

  ComputeFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One query per target: a list of targets shows every target's figures. */
  @Override
  public Load of(UUID computeId) {
    List<Load> load =
        jdbc.query(
            "select coalesce(s.nodes, t.min_nodes),"
                + " coalesce(sum(e.slots) filter (where e.state = 'active'), 0),"
                + " count(e.run_id) filter (where e.state = 'queued'),"
                + " count(e.run_id) filter (where e.state = 'active')"
                + " from compute_target t left join compute_scale s on s.compute_id = t.id"
                + " left join execution e on e.compute_id = t.id and e.state <> 'ended'"
                + " where t.id = ? group by t.min_nodes, s.nodes",
            (rs, i) -> new Load(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
            computeId);
    return load.isEmpty() ? Load.IDLE : load.get(0);
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
