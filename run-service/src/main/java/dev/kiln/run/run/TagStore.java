package dev.kiln.run.run;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Run tags: last write wins. Callers hold the transaction. */
@Repository
public class TagStore {

  private final JdbcTemplate jdbc;

  TagStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Sets each tag, replacing an older value of the same key. Keys and values must be checked. */
  public void set(UUID runId, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    List<Object[]> rows =
        tags.entrySet().stream().map(e -> new Object[] {runId, e.getKey(), e.getValue()}).toList();
    jdbc.batchUpdate(
        "insert into run_tag (run_id, key, value) values (?, ?, ?)"
            + " on conflict (run_id, key) do update set value = excluded.value",
        rows);
  }

  /** Removes a tag; answers whether it was there. */
  public boolean delete(UUID runId, String key) {
    return jdbc.update("delete from run_tag where run_id = ? and key = ?", runId, key) > 0;
  }

  public Map<String, String> of(UUID runId) {
    Map<String, String> tags = new LinkedHashMap<>();
    jdbc.query(
        "select key, value from run_tag where run_id = ? order by key",
        rs -> {
          tags.put(rs.getString(1), rs.getString(2));
        },
        runId);
    return tags;
  }

  /** The tags of many runs in one query. */
  public Map<UUID, Map<String, String>> of(Collection<UUID> runIds) {
    Map<UUID, Map<String, String>> tags = new HashMap<>();
    if (runIds.isEmpty()) {
      return tags;
    }
    jdbc.query(
        "select run_id, key, value from run_tag where run_id = any(?) order by run_id, key",
        rs -> {
          tags.computeIfAbsent(rs.getObject(1, UUID.class), id -> new LinkedHashMap<>())
              .put(rs.getString(2), rs.getString(3));
        },
        (Object) runIds.toArray(UUID[]::new));
    return tags;
  }
}
