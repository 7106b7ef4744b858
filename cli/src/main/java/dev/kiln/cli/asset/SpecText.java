package dev.kiln.cli.asset;

import tools.jackson.databind.JsonNode;

/**
 * Reads a top-level value of a spec that the server takes as text, such as {@code version} or
 * {@code python_version}. YAML types unquoted values itself: {@code version: 2} is the number 2,
 * which is taken as {@code "2"}; but {@code python_version: 3.10} is the number 3.1, which no
 * longer says what was written, so numbers with a fraction are refused with a hint to quote them.
 */
public final class SpecText {

  private SpecText() {}

  /**
   * The value of {@code key} in {@code spec} as stripped text, or {@code null} when it is missing,
   * {@code null} or blank.
   *
   * @param source the spec file, for messages
   * @throws IllegalArgumentException when the value is a mapping, list, boolean or a number with a
   *     fraction
   */
  public static String scalar(JsonNode spec, String key, String source) {
    JsonNode value = spec.get(key);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isString()) {
      String text = value.asString().strip();
      return text.isEmpty() ? null : text;
    }
    if (value.isIntegralNumber()) {
      return value.asString();
    }
    if (value.isNumber()) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' in "
              + source
              + " is the number "
              + value.asString()
              + ", which YAML may have changed (3.10 reads as 3.1): write it in quotes, e.g. "
              + key
              + ": \""
              + value.asString()
              + "\"");
    }
    throw new IllegalArgumentException(
        "'" + key + "' in " + source + " must be text, not " + kind(value));
  }

  private static String kind(JsonNode value) {
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    return "'" + value.asString() + "'";
  }
}
