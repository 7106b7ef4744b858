package dev.kiln.run.run;

import dev.kiln.common.error.InvalidRequestException;

/** The rules for the keys and values of params, tags and metrics (MLflow's limits). */
public final class Keys {

  public static final int MAX_KEY_LENGTH = 250;
  public static final int MAX_PARAM_VALUE_LENGTH = 6000;
  public static final int MAX_TAG_VALUE_LENGTH = 8000;

  private Keys() {}

  /**
   * Checks a param, tag or metric key: 1 to 250 letters, digits, {@code _ - . / : space} (MLflow's
   * set), not a path that climbs ({@code ..}) or starts at the root.
   */
  public static String requireValid(String kind, String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw invalid(kind, key, "is 1 to " + MAX_KEY_LENGTH + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean allowed =
          Character.isLetterOrDigit(c)
              || c == '_'
              || c == '-'
              || c == '.'
              || c == '/'
              || c == ':'
              || c == ' ';
      if (!allowed) {
        throw invalid(kind, key, "holds only letters, digits, '_', '-', '.', '/', ':' and spaces");
      }
    }
    if (key.startsWith("/")
        || key.equals("..")
        || key.startsWith("../")
        || key.contains("/../")
        || key.endsWith("/..")) {
      throw invalid(kind, key, "is not a path that starts at '/' or climbs with '..'");
    }
    return key;
  }

  public static String requireValue(String kind, String key, String value, int maxLength) {
    if (value == null) {
      throw new InvalidRequestException(
          "invalid_" + kind, "The " + kind + " '" + key + "' has no value.");
    }
    if (value.length() > maxLength) {
      throw new InvalidRequestException(
          "invalid_" + kind,
          "The value of " + kind + " '" + key + "' is longer than " + maxLength + " characters.");
    }
    return value;
  }

  private static InvalidRequestException invalid(String kind, String key, String rule) {
    String shown = key == null ? "null" : key.length() > 60 ? key.substring(0, 60) + "…" : key;
    return new InvalidRequestException(
        "invalid_" + kind + "_key",
        "The " + kind + " key '" + shown + "' is invalid: a key " + rule + ".");
  }
}
