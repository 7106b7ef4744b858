package dev.kiln.run.run;

import dev.kiln.common.error.ConflictException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Run params: written once; the same value again is harmless. Callers hold the transaction. */
@Repository
public class ParamStore {

  private final JdbcTemplate jdbc;

  ParamStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Logs each param. Keys and values must be checked.
   *
   * @throws ConflictException ({@code param_exists}) when a key already holds another value; the
   *     caller's transaction must then roll back
   */
  public void log(UUID runId, Map<String, String> params) {
    if (params.isEmpty()) {
      return;
    }
    List<Object[]> rows =
        params.entrySet().stream()
            .map(e -> new Object[] {runId, e.getKey(), e.getValue()})
            .toList();
    jdbc.batchUpdate(
        "insert into run_param (run_id, key, value) values (?, ?, ?)"
            + " on conflict (run_id, key) do nothing",
        rows);
    jdbc.query(
        "select key, value from run_param where run_id = ? and key = any(?)",
        rs -> {
          String key = rs.getString(1);
          String stored = rs.getString(2);
          if (!stored.equals(params.get(key))) {
            throw new ConflictException(
                "param_exists",
                "Param '"
                    + key
                    + "' was already logged with another value; params are written once.");
          }
        },
        runId,
        params.keySet().toArray(String[]::new));
  }

  public Map<String, String> of(UUID runId) {
    Map<String, String> params = new LinkedHashMap<>();
    jdbc.query(
        "select key, value from run_param where run_id = ? order by key",
        rs -> {
          params.put(rs.getString(1), rs.getString(2));
        },
        runId);
    return params;
  }

  /** The params of many runs in one query. */
  public Map<UUID, Map<String, String>> of(Collection<UUID> runIds) {
    Map<UUID, Map<String, String>> params = new HashMap<>();
    if (runIds.isEmpty()) {
      return params;
    }
    jdbc.query(
        "select run_id, key, value from run_param where run_id = any(?) order by run_id, key",
        rs -> {
          params
              .computeIfAbsent(rs.getObject(1, UUID.class), id -> new LinkedHashMap<>())
              .put(rs.getString(2), rs.getString(3));
        },
        (Object) runIds.toArray(UUID[]::new));
    return params;
  }
}
