package dev.kiln.run.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MLflow's filter grammar as experiments and logged models take it: comparisons joined by {@code
 * AND}, such as {@code name LIKE 'cnn%' AND tags.team = 'vision'}. A field is an attribute ({@code
 * name}) or {@code <entity>.<key>} with the key optionally in backquotes or double quotes; a value
 * is a quoted string or a number. Runs have a richer grammar of their own in the search package.
 */
final class SimpleFilter {

  /** One {@code <field> <operator> <value>}; {@code entity} is null for an attribute. */
  record Condition(String entity, String key, String operator, String text, Double number) {

    /** Whether {@code actual} passes: a missing value passes only {@code !=}. */
    boolean matches(String actual) {
      if (actual == null) {
        return false;
      }
      return switch (operator) {
        case "=" -> actual.equals(text);
        case "!=" -> !actual.equals(text);
        case "LIKE" -> like(text, false).matcher(actual).matches();
        case "ILIKE" -> like(text, true).matcher(actual).matches();
        default -> throw MlflowError.invalid("'" + operator + "' does not compare text.");
      };
    }

    boolean matches(double actual) {
      if (number == null) {
        throw MlflowError.invalid("'" + describe() + "' compares with a number.");
      }
      return switch (operator) {
        case "=" -> actual == number;
        case "!=" -> actual != number;
        case "<" -> actual < number;
        case "<=" -> actual <= number;
        case ">" -> actual > number;
        case ">=" -> actual >= number;
        default -> throw MlflowError.invalid("'" + operator + "' does not compare numbers.");
      };
    }

    String describe() {
      return entity == null ? key : entity + "." + key;
    }
  }

  private static final Set<String> OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=");
  private static final int MAX_LENGTH = 10_000;

  private final String text;
  private int at;

  private SimpleFilter(String text) {
    this.text = text;
  }

  /**
   * Parses {@code filter}; a blank one matches everything.
   *
   * @param attributes the attribute names a field may be
   * @param entities the entity prefixes a field may have ({@code tags}, {@code params}…)
   */
  static List<Condition> parse(String filter, Set<String> attributes, Set<String> entities) {
    List<Condition> conditions = new ArrayList<>();
    if (filter == null || filter.isBlank()) {
      return conditions;
    }
    if (filter.length() > MAX_LENGTH) {
      throw MlflowError.invalid("A filter is at most " + MAX_LENGTH + " characters.");
    }
    SimpleFilter parser = new SimpleFilter(filter);
    while (true) {
      conditions.add(parser.condition(attributes, entities));
      parser.skipSpace();
      if (parser.at >= filter.length()) {
        return conditions;
      }
      String word = parser.word();
      if (!"AND".equalsIgnoreCase(word)) {
        throw MlflowError.invalid(
            "Invalid filter '" + filter + "': expected AND at position " + parser.at + ".");
      }
    }
  }

  private Condition condition(Set<String> attributes, Set<String> entities) {
    skipSpace();
    String first = identifier();
    String entity = null;
    String key = first;
    if (at < text.length() && text.charAt(at) == '.') {
      String prefix = first.toLowerCase(Locale.ROOT);
      if (!entities.contains(prefix)) {
        throw MlflowError.invalid(
            "Invalid filter '" + text + "': '" + first + "' is not one of " + entities + ".");
      }
      at++;
      entity = prefix;
      key = entityKey();
    } else if (!attributes.contains(first.toLowerCase(Locale.ROOT))) {
      throw MlflowError.invalid(
          "Invalid filter '" + text + "': '" + first + "' is not one of " + attributes + ".");
    } else {
      key = first.toLowerCase(Locale.ROOT);
    }
    skipSpace();
    String operator = operator();
    skipSpace();
    if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
      return new Condition(entity, key, operator, quoted(), null);
    }
    int start = at;
    while (at < text.length() && "0123456789.-+eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    try {
      String number = text.substring(start, at);
      return new Condition(entity, key, operator, number, Double.parseDouble(number));
    } catch (NumberFormatException e) {
      throw MlflowError.invalid(
          "Invalid filter '" + text + "': expected a quoted string or a number at " + start + ".");
    }
  }

  private String identifier() {
    if (at < text.length() && (text.charAt(at) == '`' || text.charAt(at) == '"')) {
      return quoted();
    }
    int start = at;
    while (at < text.length()
        && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    if (start == at) {
      throw MlflowError.invalid(
          "Invalid filter '" + text + "': expected a field name at position " + start + ".");
    }
    return text.substring(start, at);
  }

  /** A key after its entity: quoted, or anything up to a space or a comparison ({@code a.b/c}). */
  private String entityKey() {
    if (at < text.length() && (text.charAt(at) == '`' || text.charAt(at) == '"')) {
      return quoted();
    }
    int start = at;
    while (at < text.length()
        && !Character.isWhitespace(text.charAt(at))
        && "=!<>".indexOf(text.charAt(at)) < 0) {
      at++;
    }
    if (start == at) {
      throw MlflowError.invalid(
          "Invalid filter '" + text + "': expected a key at position " + start + ".");
    }
    return text.substring(start, at);
  }

  private String operator() {
    int start = at;
    if (at < text.length() && Character.isLetter(text.charAt(at))) {
      String word = word().toUpperCase(Locale.ROOT);
      if (word.equals("LIKE") || word.equals("ILIKE")) {
        return word;
      }
    } else {
      while (at < text.length() && "=!<>".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      String symbol = text.substring(start, at);
      if (OPERATORS.contains(symbol)) {
        return symbol;
      }
    }
    throw MlflowError.invalid(
        "Invalid filter '" + text + "': expected a comparison at position " + start + ".");
  }

  private String word() {
    int start = at;
    while (at < text.length() && Character.isLetter(text.charAt(at))) {
      at++;
    }
    return text.substring(start, at);
  }

  private String quoted() {
    char quote = text.charAt(at);
    int end = text.indexOf(quote, at + 1);
    if (end < 0) {
      throw MlflowError.invalid("Invalid filter '" + text + "': an unclosed " + quote + ".");
    }
    String value = text.substring(at + 1, end);
    at = end + 1;
    return value;
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  /** SQL's LIKE: {@code %} any run of characters, {@code _} one character. */
  private static Pattern like(String pattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(
        regex.toString(),
        Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
  }
}
