package dev.kiln.compute.execution;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The node count of each compute target and its history. Nodes are capacity: a target offers nodes
 * × slots per node; the scheduler adds nodes up to the maximum when jobs wait, and removes one
 * after the target's idle time once it is not needed.
 */
@Component
class ComputeScale {

  private final JdbcTemplate jdbc;

  ComputeScale(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The target's row, made at its minimum on first use; call within the dispatch lock. */
  int nodes(Target target) {
    jdbc.update(
        "insert into compute_scale (compute_id, nodes) values (?, ?) on conflict do nothing",
        target.id(),
        target.minNodes());
    Integer nodes =
        jdbc.queryForObject(
            "select nodes from compute_scale where compute_id = ?", Integer.class, target.id());
    return nodes == null ? target.minNodes() : nodes;
  }

  /**
   * The targets whose node count may have to change without a job arriving: more nodes than their
   * minimum (one may have become idle), or a count outside bounds changed since. A target at its
   * minimum with nothing waiting costs the scheduler's pass nothing.
   */
  List<UUID> toRescale() {
    return jdbc.queryForList(
        "select s.compute_id from compute_scale s join compute_target t on t.id = s.compute_id"
            + " where s.nodes > t.min_nodes or s.nodes < t.min_nodes or s.nodes > t.max_nodes",
        UUID.class);
  }

  /** The node count without creating the row; the minimum for a target never scheduled on. */
  int currentNodes(UUID computeId, int minNodes) {
    List<Integer> nodes =
        jdbc.queryForList(
            "select nodes from compute_scale where compute_id = ?", Integer.class, computeId);
    return nodes.isEmpty() ? minNodes : nodes.get(0);
  }

  void setNodes(UUID computeId, int nodes) {
    jdbc.update(
        "update compute_scale set nodes = ?, idle_since = null where compute_id = ?",
        nodes,
        computeId);
  }

  /**
   * Releases one unneeded node once the target has had more nodes than it needs for its idle time.
   * Call within the dispatch lock.
   *
   * @return the node count afterwards
   */
  int shrinkIfIdle(Target target, int nodes, int busySlots, int queued, Instant now) {
    int needed = Math.max(target.minNodes(), ceilDiv(busySlots, target.slotsPerNode()));
    if (nodes <= needed || queued > 0) {
      jdbc.update(
          "update compute_scale set idle_since = null where compute_id = ? and idle_since is not"
              + " null",
          target.id());
      return nodes;
    }
    OffsetDateTime since =
        jdbc.queryForObject(
            "select idle_since from compute_scale where compute_id = ?",
            OffsetDateTime.class,
            target.id());
    if (since == null) {
      jdbc.update(
          "update compute_scale set idle_since = ? where compute_id = ?",
          OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC),
          target.id());
      return nodes;
    }
    if (Duration.between(since.toInstant(), now).getSeconds() < target.idleSeconds()) {
      return nodes;
    }
    jdbc.update(
        "update compute_scale set nodes = ?, idle_since = ? where compute_id = ?",
        nodes - 1,
        OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC),
        target.id());
    return nodes - 1;
  }

  /** Records the target's figures when they differ from the last ones recorded. */
  void sample(UUID computeId, int nodes, int busySlots, int queued) {
    jdbc.update(
        "insert into compute_usage (compute_id, time, nodes, busy_slots, queued)"
            + " select ?, clock_timestamp(), ?, ?, ? where not exists (select 1 from"
            + " (select nodes, busy_slots, queued from compute_usage where compute_id = ?"
            + " order by time desc limit 1) last where last.nodes = ? and last.busy_slots = ?"
            + " and last.queued = ?)",
        computeId,
        nodes,
        busySlots,
        queued,
        computeId,
        nodes,
        busySlots,
        queued);
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
