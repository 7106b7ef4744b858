package dev.kiln.cli.http;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/** Turns HTTP error answers and connection failures into one-line {@link CliException}s. */
public final class HttpFailures {

  static final int MAX_BODY_CHARS = 200;

  private HttpFailures() {}

  /**
   * The failure for an error answer: the problem's {@code detail} (else {@code title}), its code
   * and the status, e.g. {@code workspace 'demo' not found (workspace_not_found, HTTP 404)}. A body
   * that is not a problem still gives a readable line: the status and its first 200 characters.
   *
   * @param request the request line, e.g. {@code GET /api/v1/workspaces}, for non-problem bodies
   */
  public static CliException fromResponse(int status, String body, String request) {
    ExitCode exitCode = ExitCode.forHttpStatus(status);
    Optional<Problem> problem = Problem.parse(body);
    if (problem.isPresent()) {
      Problem p = problem.get();
      String text =
          p.detail() != null ? p.detail() : p.title() != null ? p.title() : "request failed";
      String tag = p.code() != null ? p.code() + ", HTTP " + status : "HTTP " + status;
      return new CliException(exitCode, text + " (" + tag + ")", p.code());
    }
    String snippet = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    if (snippet.isEmpty()) {
      return new CliException(
          exitCode, request + " failed with HTTP " + status + " (empty answer)");
    }
    if (snippet.length() > MAX_BODY_CHARS) {
      snippet = snippet.substring(0, MAX_BODY_CHARS) + "...";
    }
    return new CliException(exitCode, request + " failed with HTTP " + status + ": " + snippet);
  }

  /** The failure when the gateway at {@code baseUrl} cannot be reached at all (exit 3). */
  public static CliException unreachable(String baseUrl, IOException cause) {
    return new CliException(
        ExitCode.UNREACHABLE,
        "cannot reach the Kiln platform at "
            + baseUrl
            + " ("
            + reason(cause)
            + "); is it running? Start it with ./kiln up",
        cause);
  }

  /**
   * The failure when another server, such as the host of an {@code https://} data path, cannot be
   * reached (exit 3): {@code cannot reach https://host:port (connection refused)}.
   */
  public static CliException unreachable(URI url, IOException cause) {
    String origin =
        url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    return new CliException(
        ExitCode.UNREACHABLE, "cannot reach " + origin + " (" + reason(cause) + ")", cause);
  }

  /** An I/O failure in a few words: its message, else the name of its class. */
  public static String describe(IOException cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  private static String reason(IOException cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    if (cause instanceof ConnectException) {
      return hasCause(cause, UnresolvedAddressException.class)
          ? "unknown host"
          : "connection refused";
    }
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : "connection failed: " + message;
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
