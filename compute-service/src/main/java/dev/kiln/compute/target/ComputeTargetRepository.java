package dev.kiln.compute.target;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code compute_target} table, in plain SQL: the scheduler reads the same columns with its own
 * queries and locks rows of it, so the table's shape is the contract, not an entity mapping.
 */
@Repository
class ComputeTargetRepository {

  private static final String COLUMNS =
      "id, workspace_id, name, backend, kind, min_nodes, max_nodes, idle_seconds, slots_per_node,"
          + " cpus, memory_mb, gpus, description, tags::text as tags, created_at, created_by,"
          + " updated_at";
  private static final TypeReference<LinkedHashMap<String, String>> TAGS = new TypeReference<>() {};

  private final NamedParameterJdbcTemplate jdbc;
  private final JsonMapper json;

  ComputeTargetRepository(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<ComputeTarget> findById(UUID id) {
    return one(
        "select " + COLUMNS + " from compute_target where id = :id",
        new MapSqlParameterSource("id", id));
  }

  /** The target named {@code name} in the workspace, whatever the case of either. */
  Optional<ComputeTarget> findByName(UUID workspaceId, String name) {
    return one(
        "select "
            + COLUMNS
            + " from compute_target where workspace_id = :ws"
            + " and lower(name) = lower(:name)",
        new MapSqlParameterSource("ws", workspaceId).addValue("name", name));
  }

  /** As {@link #findByName}, locking the row until the transaction ends. */
  Optional<ComputeTarget> findByNameForUpdate(UUID workspaceId, String name) {
    return one(
        "select "
            + COLUMNS
            + " from compute_target where workspace_id = :ws"
            + " and lower(name) = lower(:name) for update",
        new MapSqlParameterSource("ws", workspaceId).addValue("name", name));
  }

  /** Up to {@code limit} targets of the workspace after {@code afterLowerName}, by lower name. */
  List<ComputeTarget> page(UUID workspaceId, String afterLowerName, int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from compute_target where workspace_id = :ws"
            + " and (cast(:after as text) is null or lower(name) > cast(:after as text))"
            + " order by lower(name) limit :limit",
        new MapSqlParameterSource("ws", workspaceId)
            .addValue("after", afterLowerName)
            .addValue("limit", limit),
        this::row);
  }

  /**
   * Inserts the target unless the workspace has one of that name already.
   *
   * @return whether it was inserted
   */
  boolean insertIfMissing(
      UUID id, UUID workspaceId, ComputeDefinition definition, String createdBy, Instant now) {
    return jdbc.update(
            "insert into compute_target (id, workspace_id, name, backend, kind, min_nodes,"
                + " max_nodes, idle_seconds, slots_per_node, cpus, memory_mb, gpus, description,"
                + " tags, created_at, created_by, updated_at) values (:id, :ws, :name, :backend,"
                + " :kind, :min, :max, :idle, :slots, :cpus, :memory, :gpus, :description,"
                + " cast(:tags as jsonb), :now, :createdBy, :now)"
                + " on conflict (workspace_id, lower(name)) do nothing",
            definition(definition)
                .addValue("id", id)
                .addValue("ws", workspaceId)
                .addValue("name", definition.name())
                .addValue("createdBy", createdBy)
                .addValue("now", Timestamp.from(now)))
        == 1;
  }

  /** Replaces the spec of target {@code id}; its name, id and creation stay. */
  void update(UUID id, ComputeDefinition definition, Instant now) {
    jdbc.update(
        "update compute_target set backend = :backend, kind = :kind, min_nodes = :min,"
            + " max_nodes = :max, idle_seconds = :idle, slots_per_node = :slots, cpus = :cpus,"
            + " memory_mb = :memory, gpus = :gpus, description = :description,"
            + " tags = cast(:tags as jsonb), updated_at = :now where id = :id",
        definition(definition).addValue("id", id).addValue("now", Timestamp.from(now)));
  }

  void delete(UUID id) {
    jdbc.update("delete from compute_target where id = :id", new MapSqlParameterSource("id", id));
  }

  void deleteAllOf(UUID workspaceId) {
    jdbc.update(
        "delete from compute_target where workspace_id = :ws",
        new MapSqlParameterSource("ws", workspaceId));
  }

  private MapSqlParameterSource definition(ComputeDefinition definition) {
    return new MapSqlParameterSource()
        .addValue("backend", definition.backend().label())
        .addValue("kind", definition.kind().label())
        .addValue("min", definition.minNodes())
        .addValue("max", definition.maxNodes())
        .addValue("idle", definition.idleSeconds())
        .addValue("slots", definition.slotsPerNode())
        .addValue("cpus", definition.cpus(), java.sql.Types.DOUBLE)
        .addValue("memory", definition.memoryMb(), java.sql.Types.BIGINT)
        .addValue("gpus", definition.gpus())
        .addValue("description", definition.description(), java.sql.Types.VARCHAR)
        .addValue("tags", json.writeValueAsString(definition.tags()));
  }

  private Optional<ComputeTarget> one(String sql, MapSqlParameterSource parameters) {
    return jdbc.query(sql, parameters, this::row).stream().findFirst();
  }

  private ComputeTarget row(ResultSet rs, int rowNumber) throws SQLException {
    double cpus = rs.getDouble("cpus");
    Double cpusOrNull = rs.wasNull() ? null : cpus;
    long memory = rs.getLong("memory_mb");
    Long memoryOrNull = rs.wasNull() ? null : memory;
    Map<String, String> tags = json.readValue(rs.getString("tags"), TAGS);
    return new ComputeTarget(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("name"),
        ComputeBackend.of(rs.getString("backend")).orElseThrow(),
        ComputeKind.ofLabel(rs.getString("kind")),
        rs.getInt("min_nodes"),
        rs.getInt("max_nodes"),
        rs.getInt("idle_seconds"),
        rs.getInt("slots_per_node"),
        cpusOrNull,
        memoryOrNull,
        rs.getInt("gpus"),
        rs.getString("description"),
        tags,
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"),
        rs.getTimestamp("updated_at").toInstant());
  }
}
