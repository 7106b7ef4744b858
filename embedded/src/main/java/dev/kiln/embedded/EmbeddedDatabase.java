package dev.kiln.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from embedded binaries.
 *
 * <p>With a data directory the cluster is durable (fsync and synchronous commit on) and survives
 * restarts; without one it lives in a temporary folder, tuned for speed, and is removed on close. A
 * server left behind by a killed JVM (its postmaster outlives the JVM) is stopped before start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a durable server whose cluster lives in {@code dataDirectory}, on {@code port}. */
  public static EmbeddedDatabase durable(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      stopOrphanedServer(dataDirectory);
      return new EmbeddedDatabase(
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setRegisterShutdownHook(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "200")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
    }
  }

  /** Starts a throw-away server on a free port, for tests. */
  public static EmbeddedDatabase transientServer() {
    try {
      return new EmbeddedDatabase(
          EmbeddedPostgres.builder()
              .setRegisterShutdownHook(false)
              .setServerConfig("max_connections", "300")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start", e);
    }
  }

  /** The JDBC URL of database {@code postgres}. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public String username() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * After {@code kill -9} of the JVM the postmaster keeps running and holds the data directory;
   * stop it so that this start can take over.
   */
  private static void stopOrphanedServer(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    Optional<ProcessHandle> orphan;
    try {
      orphan = ProcessHandle.of(Long.parseLong(firstLine));
    } catch (NumberFormatException e) {
      orphan = Optional.empty();
    }
    // After a reboot the pid may belong to an unrelated program: only ever stop a postgres.
    boolean isPostgres =
        orphan
            .flatMap(process -> process.info().command())
            .map(command -> command.endsWith("/postgres"))
            .orElse(false);
    if (isPostgres && orphan.get().isAlive()) {
      log.warn("Stopping PostgreSQL left running by an earlier process (pid {})", firstLine);
      ProcessHandle process = orphan.get();
      process.destroy();
      try {
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
  }
}
