package dev.kiln.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading answers. Request bodies are written by hand with a StringBuilder (see {@link Series}).
 */
final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static JsonNode tree(byte[] body) {
    return MAPPER.readTree(body);
  }

  /**
   * A top-level string field, or null. This runs inside the timed history read (a client that pages
   * must find the cursor before asking for the next page), so it does not tokenize the 25,000
   * points before the cursor: it only tracks nesting and strings, byte by byte, which is several
   * times faster than even a streaming parser's skip.
   */
  static String topLevelString(byte[] body, String field) {
    byte[] key = field.getBytes(StandardCharsets.UTF_8);
    int depth = 0;
    boolean keyDue = false;
    for (int i = 0; i < body.length; i++) {
      byte c = body[i];
      if (c == '"') {
        int end = endOfString(body, i);
        if (depth == 1 && keyDue) {
          keyDue = false;
          if (end - i - 1 == key.length && Arrays.equals(body, i + 1, end, key, 0, key.length)) {
            return stringValueAfter(body, end + 1);
          }
        }
        i = end;
      } else if (c == '{' || c == '[') {
        depth++;
        keyDue = depth == 1 && c == '{';
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 1) {
        keyDue = true;
      }
    }
    return null;
  }

  /** The index of the quote closing the string that opens at {@code start}. */
  private static int endOfString(byte[] body, int start) {
    for (int i = start + 1; i < body.length; i++) {
      if (body[i] == '\\') {
        i++;
      } else if (body[i] == '"') {
        return i;
      }
    }
    throw new IllegalArgumentException("Unterminated string in JSON answer");
  }

  /** After a key: the string value past the colon, decoded; null for any other value. */
  private static String stringValueAfter(byte[] body, int from) {
    int i = from;
    while (i < body.length && (body[i] == ':' || Character.isWhitespace(body[i]))) {
      i++;
    }
    if (i >= body.length || body[i] != '"') {
      return null;
    }
    int end = endOfString(body, i);
    return MAPPER.readValue(Arrays.copyOfRange(body, i, end + 1), String.class);
  }

  /** The points of array {@code field} whose elements have {@code step} and {@code value}. */
  static List<Target.Point> points(byte[] body, String field) {
    JsonNode items = tree(body).path(field);
    List<Target.Point> points = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      points.add(new Target.Point(item.path("step").asLong(), number(item.path("value"))));
    }
    return points;
  }

  /** A number, or the strings "NaN", "Infinity" and "-Infinity" both servers may write. */
  static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isString()) {
      return Double.parseDouble(node.asString());
    }
    return Double.NaN;
  }
}
