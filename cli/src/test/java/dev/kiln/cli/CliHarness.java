package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.config.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CLI in-process against a temporary {@code KILN_HOME}, capturing stdout, stderr and the
 * exit code. The default environment points {@code KILN_URL} at a closed local port, so no test
 * ever reaches a platform that happens to run on this machine.
 */
public final class CliHarness {

  /** What one run printed and how it ended. */
  public record Result(int exitCode, String out, String err) {}

  private CliHarness() {}

  /**
   * A base for tests of commands: a fresh temporary {@code home} and the default {@link
   * #environment} in it for each test, and {@link #run} there without a console.
   */
  public abstract static class InTempHome {

    @TempDir protected Path home;

    protected Environment environment;

    @BeforeEach
    void setUpTempHome() {
      environment = CliHarness.environment(home, Map.of());
    }

    /** Runs {@code kiln args} in this test's environment, without a console. */
    protected Result run(String... args) {
      return CliHarness.run(environment, args);
    }
  }

  /**
   * Asserts that the run got as far as sending {@code request} (a {@code > METHOD /path} trace line
   * of {@code --verbose}) to the closed server, so it ended with exit 3.
   */
  public static void assertSent(Result result, String request) {
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains(request);
  }

  /** Asserts that the run stopped for want of a workspace (exit 2), saying how to pass one. */
  public static void assertNeedsWorkspace(Result result) {
    assertFailed(result, 2, "kiln: no workspace selected: pass -w <workspace>");
  }

  /** Asserts that the run ended with {@code exitCode} and that stderr contains {@code message}. */
  public static void assertFailed(Result result, int exitCode, String message) {
    assertThat(result.exitCode()).isEqualTo(exitCode);
    assertThat(result.err()).contains(message);
  }

  /** An environment with {@code KILN_HOME} in {@code home}, the gateway on a closed port. */
  public static Environment environment(Path home, Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>();
    variables.put("KILN_HOME", home.resolve("kiln-home").toString());
    variables.put("KILN_URL", closedPortUrl());
    variables.putAll(extra);
    return new Environment(variables, home.resolve("user-home"));
  }

  /** Runs without a console. */
  public static Result run(Environment environment, String... args) {
    return run(environment, Terminal.none(), args);
  }

  /** Runs with the given console. */
  public static Result run(Environment environment, Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        new KilnCli(environment, terminal, new PrintWriter(out), new PrintWriter(err))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** A console on which the user answers {@code answer} to every question. */
  public static Terminal answering(String answer) {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String readLine(String prompt) {
        return answer;
      }
    };
  }

  /** The URL of a local port that nothing listens on (it was bound, then closed). */
  public static String closedPortUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
