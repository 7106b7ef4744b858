package dev.kiln.run.log;

import dev.kiln.run.run.RunStatus;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Follows a run's log as server-sent events: every line after a given id as an event {@code line}
 * (its id the line's, its data {@code {stream, time, line}}), then, once the run has ended and
 * every line is sent, an event {@code end} with the run's status. A run deleted while followed ends
 * the stream without {@code end}.
 *
 * <p>Each follower polls the table every {@value #POLL_MILLIS} ms on a thread of the application's
 * executor, outside any transaction. It holds that thread while it waits, which is cheap because
 * every service runs on virtual threads ({@code spring.threads.virtual.enabled}). It sends a
 * comment after {@value #KEEP_ALIVE_SECONDS} s of silence so that a client that went away is
 * noticed.
 */
@Component
class LogFollower {

  static final long POLL_MILLIS = 250;
  static final long KEEP_ALIVE_SECONDS = 15;
  private static final int BATCH = 1000;
  private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

  private final LogService logs;
  private final JdbcTemplate jdbc;
  private final AsyncTaskExecutor executor;
  private final AtomicBoolean stopping = new AtomicBoolean();

  LogFollower(
      LogService logs,
      JdbcTemplate jdbc,
      @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
    this.logs = logs;
    this.jdbc = jdbc;
    this.executor = executor;
  }

  /** Starts following the run's lines after {@code after}; the emitter is the response. */
  SseEmitter follow(UUID runId, long after) {
    // No timeout: the stream lasts as long as the run, and a gone client is found by keep-alives.
    SseEmitter emitter = new SseEmitter(0L);
    AtomicBoolean closed = new AtomicBoolean();
    emitter.onCompletion(() -> closed.set(true));
    emitter.onError(e -> closed.set(true));
    emitter.onTimeout(() -> closed.set(true));
    executor.execute(() -> run(runId, after, emitter, closed));
    return emitter;
  }

  /** Ends every stream when the service stops, so that shutdown need not wait for runs to end. */
  @PreDestroy
  void stop() {
    stopping.set(true);
  }

  private void run(UUID runId, long after, SseEmitter emitter, AtomicBoolean closed) {
    long last = after;
    Instant lastSent = Instant.now();
    try {
      while (!closed.get() && !stopping.get()) {
        // The status is read before the lines: every line written before the run ended is then
        // among those read below when the run is seen ended.
        Optional<RunStatus> status = statusOf(runId);
        List<LogLine> lines;
        do {
          lines = logs.after(runId, last, BATCH);
          for (LogLine line : lines) {
            emitter.send(
                SseEmitter.event()
                    .id(Long.toString(line.id()))
                    .name("line")
                    .data(
                        new LineData(line.stream(), line.time(), line.line()),
                        MediaType.APPLICATION_JSON));
            last = line.id();
            lastSent = Instant.now();
          }
        } while (lines.size() == BATCH);
        if (status.isEmpty()) {
          emitter.complete();
          return;
        }
        if (status.get().terminal()) {
          emitter.send(
              SseEmitter.event()
                  .name("end")
                  .data(Map.of("status", status.get().label()), MediaType.APPLICATION_JSON));
          emitter.complete();
          return;
        }
        if (Duration.between(lastSent, Instant.now()).toSeconds() >= KEEP_ALIVE_SECONDS) {
          emitter.send(SseEmitter.event().comment("keep-alive"));
          lastSent = Instant.now();
        }
        Thread.sleep(POLL_MILLIS);
      }
      emitter.complete();
    } catch (IOException | IllegalStateException e) {
      // The client went away (or the response was completed under us): nothing to tell anyone.
      log.debug("Stopped following the log of run {}: {}", runId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      emitter.complete();
    } catch (RuntimeException e) {
      log.error("Following the log of run {} failed", runId, e);
      emitter.completeWithError(e);
    }
  }

  private Optional<RunStatus> statusOf(UUID runId) {
    return jdbc
        .query(
            "select status from run where id = ?",
            (rs, i) -> RunStatus.valueOf(rs.getString(1)),
            runId)
        .stream()
        .findFirst();
  }

  /** The data of a {@code line} event. */
  record LineData(String stream, Instant time, String line) {}
}
