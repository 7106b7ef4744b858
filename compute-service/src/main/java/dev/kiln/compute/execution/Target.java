package dev.kiln.compute.execution;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the scheduler reads of a compute target. */
record Target(
    UUID id,
    String name,
    String backend,
    int minNodes,
    int maxNodes,
    int idleSeconds,
    int slotsPerNode,
    double cpus,
    long memoryMb,
    int gpus) {

  private static final String COLUMNS =
      "id, name, backend, min_nodes, max_nodes, idle_seconds, slots_per_node, cpus, memory_mb,"
          + " gpus";

  int capacity(int nodes) {
    return nodes * slotsPerNode;
  }

  /** Locks the target's row so one scheduler at a time places jobs on it; empty when held. */
  static Optional<Target> lock(JdbcTemplate jdbc, UUID id) {
    return jdbc
        .query(
            "select " + COLUMNS + " from compute_target where id = ? for update skip locked",
            (rs, i) -> read(rs),
            id)
        .stream()
        .findFirst();
  }

  static Optional<Target> find(JdbcTemplate jdbc, UUID id) {
    return jdbc
        .query("select " + COLUMNS + " from compute_target where id = ?", (rs, i) -> read(rs), id)
        .stream()
        .findFirst();
  }

  private static Target read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Target(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("backend"),
        rs.getInt("min_nodes"),
        rs.getInt("max_nodes"),
        rs.getInt("idle_seconds"),
        rs.getInt("slots_per_node"),
        rs.getDouble("cpus"),
        rs.getLong("memory_mb"),
        rs.getInt("gpus"));
  }
}
