package dev.kiln.cli.job;

import static dev.kiln.cli.job.ApiStub.end;
import static dev.kiln.cli.job.ApiStub.events;
import static dev.kiln.cli.job.ApiStub.json;
import static dev.kiln.cli.job.ApiStub.line;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kiln job stream} against a stubbed run-service: lines on the right stream, reconnects that
 * neither repeat nor skip a line, and the exit code of the job's outcome.
 */
class StreamJobCommandTest extends AgainstStub {

  static final String STREAM = JOBS + "/j1/logs/stream";

  @Test
  void printsStdoutLinesOnStdoutAndTheOthersOnStderrAndExitsZeroWhenTheJobCompleted() {
    stub.on(
        "GET",
        STREAM,
        events(
            line(1, "stdout", "epoch 1"),
            line(2, "stderr", "warning: slow disk"),
            ": keep-alive\n\n",
            line(3, "system", "run finished"),
            line(4, "stdout", "epoch 2"),
            end("Completed")));

    Result result = run("job", "stream", "j1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("epoch 1\nepoch 2\n");
    assertThat(result.err()).isEqualTo("warning: slow disk\nrun finished\nJob 'j1' completed.\n");
    assertThat(stub.requests("GET", JOBS + "/j1")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Failed   | {\"code\": \"oom\", \"message\": \"Out of memory\"}"
            + " | kiln: job 'j1' failed: Out of memory (oom)",
        "Canceled | {\"code\": \"canceled\", \"message\": \"Canceled by request.\"}"
            + " | kiln: job 'j1' was canceled: Canceled by request.",
        "Failed   | null | kiln: job 'j1' failed"
      })
  void exitsOneWithTheJobsErrorWhenItFailedOrWasCanceled(
      String status, String error, String message) {
    stub.on("GET", STREAM, events(line(1, "stdout", "starting"), end(status)))
        .on(
            "GET",
            JOBS + "/j1",
            json("{\"name\": \"j1\", \"status\": \"%s\", \"error\": %s}".formatted(status, error)));

    Result result = run("job", "stream", "j1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("starting\n");
    assertThat(result.err()).isEqualTo(message + "\n");
  }

  @Test
  void asksTheJobWhenTheEndEventNamesNoStatus() {
    stub.on("GET", STREAM, events("event:end\ndata:{}\n\n"))
        .on("GET", JOBS + "/j1", json("{\"name\": \"j1\", \"status\": \"Completed\"}"));

    Result result = run("job", "stream", "j1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo("Job 'j1' completed.\n");
  }

  @Test
  void reconnectsAfterTheLastLineWhenTheStreamBreaksOff() {
    stub.on(
        "GET",
        STREAM,
        events(line(1, "stdout", "one"), line(2, "stdout", "two"), "id:3\nevent:line\ndata:{\"li"),
        events(line(2, "stdout", "two"), line(3, "stdout", "three"), end("Completed")));

    Result result = run("job", "stream", "j1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("one\ntwo\nthree\n");
    assertThat(stub.requests("GET", STREAM))
        .extracting(request -> request.query().get("after"))
        .containsExactly(null, "2");
    assertThat(result.err())
        .contains(
            "kiln: the log stream broke off (the server closed it before the job ended);"
                + " reconnecting after line 2")
        .endsWith("Job 'j1' completed.\n");
  }

  @Test
  void reportsAnUnknownJobAsNotFoundWithoutRetrying() {
    Result result = run("job", "stream", "nope");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void givesUpWhenTheStreamKeepsBreakingOffWithoutANewLine() {
    stub.on("GET", STREAM, events(line(1, "stdout", "one")), events());
    StringWriter out = new StringWriter();

    assertThatThrownBy(() -> follower(stub.url(), out).follow())
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNEXPECTED))
        .hasMessage(
            "the log stream of job 'j1' kept breaking off (the server closed it before the job"
                + " ended); gave up after 3 attempts without a new line");
    assertThat(out.toString()).isEqualTo("one\n");
    assertThat(stub.requests("GET", STREAM)).hasSize(4);
  }

  @Test
  void givesUpAsUnreachableWhenThePlatformGoesAway() {
    stub.on(
        "GET",
        STREAM,
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          exchange.getResponseBody().write(line(1, "stdout", "one").getBytes(UTF_8));
          exchange.getResponseBody().flush();
          stub.close();
        });
    StringWriter out = new StringWriter();

    assertThatThrownBy(() -> follower(stub.url(), out).follow())
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE));
    assertThat(out.toString()).isEqualTo("one\n");
  }

  @Test
  void failsAtOnceWhenThePlatformCannotBeReached() {
    Result result =
        CliHarness.run(
            CliHarness.environment(home, Map.of("KILN_WORKSPACE", "demo")), "job", "stream", "j1");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).doesNotContain("reconnecting");
  }

  @Test
  void comparesLineIdsAsNumbers() {
    assertThat(LogFollower.isAfter("10", "9")).isTrue();
    assertThat(LogFollower.isAfter("9", "10")).isFalse();
    assertThat(LogFollower.isAfter("9", "9")).isFalse();
    assertThat(LogFollower.isAfter("1", null)).isTrue();
  }

  /** A follower that retries at once and gives up after three fruitless attempts. */
  static LogFollower follower(String url, StringWriter out) {
    ApiClient api =
        new ApiClient(url, "test-token", HttpClient.newHttpClient(), Duration.ofSeconds(5), null);
    return new LogFollower(
        api,
        "demo",
        "j1",
        new PrintWriter(out),
        new PrintWriter(new StringWriter()),
        Duration.ZERO,
        3);
  }
}
