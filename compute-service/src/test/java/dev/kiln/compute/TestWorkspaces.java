package dev.kiln.compute;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes workspaces known to compute-service for a test, as the projection would from {@code
 * WorkspaceCreated}, with a fresh name per call.
 */
public final class TestWorkspaces {

  private TestWorkspaces() {}

  /** Registers a new workspace whose name starts with {@code prefix}; answers its name. */
  public static String create(DataSource dataSource, String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    new JdbcTemplate(dataSource)
        .update(
            "insert into known_workspace (id, name, created_at) values (?, ?, ?)",
            UUID.randomUUID(),
            name,
            Timestamp.from(Instant.now()));
    return name;
  }

  /** The id of known workspace {@code name}. */
  public static UUID idOf(DataSource dataSource, String name) {
    return new JdbcTemplate(dataSource)
        .queryForObject("select id from known_workspace where name = ?", UUID.class, name);
  }

  /** How many compute targets workspace {@code name} has. */
  public static int computes(DataSource dataSource, String name) {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from compute_target t join known_workspace w"
                + " on w.id = t.workspace_id where w.name = ?",
            Integer.class,
            name);
  }
}
