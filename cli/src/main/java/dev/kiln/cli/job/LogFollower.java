package dev.kiln.cli.job;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.http.HttpFailures;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Follows the log of one job through {@code GET .../jobs/{name}/logs/stream} (server-sent events)
 * until its {@code end} event: {@code line} events are printed as they arrive, stdout lines on
 * stdout and the others (stderr, system) on stderr. When the stream breaks off before its end, it
 * reconnects with {@code ?after=<last line id>}, so no line is printed twice or skipped; the wait
 * between attempts doubles from {@link #FIRST_RETRY} up to {@link #MAX_RETRY} with each attempt
 * that brought no new line and broke off within {@link #HEALTHY_AFTER}, and after {@link
 * #MAX_ATTEMPTS} such attempts in a row it gives up. A platform that cannot be reached at the first
 * attempt is not waited for.
 */
final class LogFollower {

  static final Duration FIRST_RETRY = Duration.ofMillis(250);
  static final Duration MAX_RETRY = Duration.ofSeconds(8);
  static final int MAX_ATTEMPTS = 8;

  /**
   * A connection open this long worked even without a line: a quiet job behind a proxy that closes
   * idle connections must not be given up on.
   */
  static final Duration HEALTHY_AFTER = Duration.ofSeconds(10);

  private static final String EVENT_STREAM = "text/event-stream";

  private final ApiClient api;
  private final String workspace;
  private final String job;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Duration firstRetry;
  private final int maxAttempts;

  LogFollower(ApiClient api, String workspace, String job, PrintWriter out, PrintWriter err) {
    this(api, workspace, job, out, err, FIRST_RETRY, MAX_ATTEMPTS);
  }

  LogFollower(
      ApiClient api,
      String workspace,
      String job,
      PrintWriter out,
      PrintWriter err,
      Duration firstRetry,
      int maxAttempts) {
    this.api = api;
    this.workspace = workspace;
    this.job = job;
    this.out = out;
    this.err = err;
    this.firstRetry = firstRetry;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Prints the job's log until the server ends the stream with its {@code end} event.
   *
   * @return the status the {@code end} event names, or {@code null} when it names none
   * @throws CliException when the job cannot be read (exit 4, 5, ...), or when the stream kept
   *     breaking off: exit 3 when the platform could not be reached, else exit 1
   */
  String follow() {
    String after = null;
    int failed = 0;
    boolean connected = false;
    while (true) {
      String before = after;
      long start = System.nanoTime();
      boolean opened = false;
      String problem;
      CliException unreachable = null;
      try (InputStream body =
          api.open(
              Jobs.logStreamPath(workspace, job),
              Collections.singletonMap("after", after),
              EVENT_STREAM)) {
        connected = true;
        opened = true;
        ServerSentEvents events = new ServerSentEvents(body);
        ServerSentEvents.Event event;
        while ((event = events.next()) != null) {
          if ("end".equals(event.name())) {
            return endStatus(event.data());
          }
          if ("line".equals(event.name())) {
            after = print(event, after);
          }
        }
        problem = "the server closed it before the job ended";
      } catch (IOException e) {
        problem = HttpFailures.describe(e);
      } catch (CliException e) {
        // Only a platform that answered once is worth waiting for: a wrong URL fails at once.
        if (e.exitCode() != ExitCode.UNREACHABLE || !connected) {
          throw e;
        }
        unreachable = e;
        problem = e.getMessage();
      }
      // A connection that brought new lines or stayed open a while worked; only the others count.
      boolean healthy =
          !Objects.equals(after, before)
              || opened && System.nanoTime() - start >= HEALTHY_AFTER.toNanos();
      failed = healthy ? 0 : failed + 1;
      if (failed >= maxAttempts) {
        throw unreachable != null
            ? unreachable
            : new CliException(
                ExitCode.UNEXPECTED,
                "the log stream of job '"
                    + job
                    + "' kept breaking off ("
                    + problem
                    + "); gave up after "
                    + failed
                    + " attempts without a new line");
      }
      err.println(
          "kiln: the log stream broke off ("
              + problem
              + "); reconnecting"
              + (after == null ? "" : " after line " + after));
      err.flush();
      pause(failed);
    }
  }

  /**
   * Prints a {@code line} event unless it is one already printed.
   *
   * @return the id of the last line printed
   */
  private String print(ServerSentEvents.Event event, String after) {
    if (event.id() != null && !isAfter(event.id(), after)) {
      return after;
    }
    JsonNode data = json(event.data());
    String text = data == null ? event.data() : data.path("line").asString("");
    String stream = data == null ? "stdout" : data.path("stream").asString("stdout");
    PrintWriter target = "stdout".equals(stream) ? out : err;
    target.println(text);
    target.flush();
    return event.id() != null ? event.id() : after;
  }

  /** Whether line {@code id} comes after line {@code after}; ids are numbers that only grow. */
  static boolean isAfter(String id, String after) {
    if (after == null) {
      return true;
    }
    try {
      return Long.parseLong(id) > Long.parseLong(after);
    } catch (NumberFormatException e) {
      return !id.equals(after);
    }
  }

  private static String endStatus(String data) {
    JsonNode end = json(data);
    JsonNode status = end == null ? null : end.path("status");
    return status != null && status.isString() ? status.asString() : null;
  }

  private static JsonNode json(String data) {
    try {
      JsonNode node = Mappers.JSON.readTree(data);
      return node != null && node.isObject() ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Waits before the next attempt: {@code firstRetry} doubled once per fruitless attempt. */
  private void pause(int fruitless) {
    long millis = firstRetry.toMillis() << Math.min(fruitless, 20);
    try {
      Thread.sleep(Math.min(millis, MAX_RETRY.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(
          ExitCode.UNEXPECTED, "interrupted while following the log of job '" + job + "'", e);
    }
  }
}
