package dev.kiln.gateway;

import dev.kiln.common.error.KilnException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

/**
 * The paths a run token may use, whatever its holder could do with a personal token: its own run
 * and what lies below it ({@code /api/v1/workspaces/{ws}/jobs/{run}/**}, which includes logs,
 * metrics, artifacts and the execution heartbeat), reading snapshots and datastore files (their
 * bytes, or {@code download-urls} signed to read them from storage), and the MLflow API of a
 * workspace. Which workspace is the services' business: workspace-service gives a run token a role
 * in its own workspace only, so any other answers 404 like for a non-member.
 */
final class RunTokenScope {

  private RunTokenScope() {}

  /** Whether a run token of {@code runName} may send {@code method} to the raw {@code path}. */
  static boolean allows(HttpMethod method, String path, String runName) {
    List<String> segments;
    try {
      segments = segments(path);
    } catch (IllegalArgumentException e) {
      return false; // a malformed %-escape names nothing a run token may use
    }
    if (segments.size() >= 4
        && segments.get(0).equals("mlflow")
        && segments.get(1).equals("workspaces")) {
      return true;
    }
    if (segments.size() < 6
        || !segments.get(0).equals("api")
        || !segments.get(1).equals("v1")
        || !segments.get(2).equals("workspaces")) {
      return false;
    }
    String collection = segments.get(4);
    boolean reads = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    return switch (collection) {
      case "jobs" -> segments.get(5).equals(runName);
      case "snapshots" -> reads;
      case "datastores" ->
          reads
              && segments.size() >= 7
              && (segments.get(6).equals("files") || segments.get(6).equals("download-urls"));
      default -> false;
    };
  }

  static KilnException refusal() {
    return new KilnException(
        HttpStatus.FORBIDDEN,
        "run_token_scope",
        "A run token may only use its own run, read snapshots and datastore files, and call MLflow"
            + " in its workspace.",
        false);
  }

  /**
   * The decoded segments after the leading slash, so that an encoded name compares as the service
   * will read it. Empty segments and dot segments never get here: {@link PathSafetyWebFilter}
   * refuses them first.
   */
  private static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return Arrays.stream(trimmed.split("/"))
        .map(segment -> UriUtils.decode(segment, StandardCharsets.UTF_8))
        .toList();
  }
}
