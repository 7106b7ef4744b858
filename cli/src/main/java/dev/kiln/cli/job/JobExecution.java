package dev.kiln.cli.job;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Mappers;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How compute-service runs a submitted job ({@code GET .../jobs/{name}/execution}), as {@code kiln
 * job show} prints it. Runs that were only tracked (logged from elsewhere through the API or
 * MLflow) have none.
 */
final class JobExecution {

  /** The problem code of compute-service for a run it does not execute. */
  static final String NOT_FOUND = "execution_not_found";

  private JobExecution() {}

  /**
   * The execution of job {@code name}, or {@code null} for a tracking-only run. Other failures,
   * including other 404s, are the command's.
   */
  static JsonNode fetch(ApiClient api, String workspace, String name) {
    try {
      return api.get(Jobs.executionPath(workspace, name));
    } catch (CliException e) {
      if (e.exitCode() == ExitCode.NOT_FOUND && NOT_FOUND.equals(e.problemCode())) {
        return null;
      }
      throw e;
    }
  }

  /**
   * The key/value lines of the table form: the compute, the queue state and one line per attempt,
   * e.g. {@code attempt 1: local, completed, exit code 0}.
   */
  static ObjectNode lines(JsonNode execution) {
    ObjectNode lines = Mappers.JSON.createObjectNode();
    lines.put("compute", text(execution.path("compute")));
    lines.put("queue", queue(execution));
    String error = text(execution.path("error"));
    if (!error.isEmpty()) {
      lines.put("execution error", error);
    }
    for (JsonNode attempt : execution.path("attempts")) {
      lines.put("attempt " + text(attempt.path("number")), attempt(attempt));
    }
    return lines;
  }

  /**
   * {@code queued since <time>, priority 0}, {@code active (running) since <time>} or {@code ended
   * (completed) at <time>}.
   */
  static String queue(JsonNode execution) {
    String state = text(execution.path("state"));
    String detail =
        switch (state) {
          case "ended" -> text(execution.path("outcome"));
          case "active" -> text(execution.path("phase"));
          default -> "";
        };
    StringBuilder line = new StringBuilder(state);
    if (!detail.isEmpty()) {
      line.append(" (").append(detail).append(')');
    }
    String time =
        switch (state) {
          case "queued" -> since("since", execution.path("queuedAt"));
          case "active" -> since("since", execution.path("startedAt"));
          case "ended" -> since("at", execution.path("endedAt"));
          default -> "";
        };
    line.append(time);
    if (state.equals("queued") && execution.path("priority").isNumber()) {
      line.append(", priority ").append(execution.path("priority").asString());
    }
    return line.toString();
  }

  /** {@code <backend>, <outcome>, exit code <n>, error: <text>}; a running one has no outcome. */
  static String attempt(JsonNode attempt) {
    List<String> parts = new ArrayList<>();
    String backend = text(attempt.path("backend"));
    if (!backend.isEmpty()) {
      parts.add(backend);
    }
    String outcome = text(attempt.path("outcome"));
    parts.add(outcome.isEmpty() ? "running" : outcome);
    if (attempt.path("exitCode").isNumber()) {
      parts.add("exit code " + attempt.path("exitCode").asString());
    }
    String error = text(attempt.path("error"));
    if (!error.isEmpty()) {
      parts.add("error: " + error);
    }
    return String.join(", ", parts);
  }

  private static String since(String word, JsonNode time) {
    String text = text(time);
    return text.isEmpty() ? "" : " " + word + " " + text;
  }

  private static String text(JsonNode value) {
    return value.isValueNode() && !value.isNull() ? value.asString() : "";
  }
}
