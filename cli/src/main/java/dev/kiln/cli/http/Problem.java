package dev.kiln.cli.http;

import dev.kiln.cli.output.Mappers;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An RFC 9457 problem document as the platform sends it ({@code application/problem+json}).
 *
 * @param type a URI naming the problem type
 * @param title the short summary of the problem type
 * @param status the HTTP status the server meant
 * @param detail what went wrong with this request
 * @param code the stable machine-readable code, e.g. {@code workspace_not_found}
 * @param retryable whether retrying the same request may succeed
 */
public record Problem(
    String type, String title, Integer status, String detail, String code, Boolean retryable) {

  /**
   * Parses a problem document; empty when the body is not a JSON object with a title, detail or
   * code.
   */
  public static Optional<Problem> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = Mappers.JSON.readTree(body);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    Problem problem =
        new Problem(
            text(node, "type"),
            text(node, "title"),
            node.path("status").isIntegralNumber() ? node.path("status").asInt() : null,
            text(node, "detail"),
            text(node, "code"),
            node.path("retryable").isBoolean() ? node.path("retryable").asBoolean() : null);
    boolean meaningful = problem.title != null || problem.detail != null || problem.code != null;
    return meaningful ? Optional.of(problem) : Optional.empty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isValueNode() || value.isNull()) {
      return null;
    }
    String text = value.asString().strip();
    return text.isEmpty() ? null : text;
  }
}
