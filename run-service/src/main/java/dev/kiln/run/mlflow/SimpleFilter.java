package dev.kiln.run.mlflow;

import dev.kiln.run.search.FilterScanner;
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

  private static final int MAX_LENGTH = 10_000;

  private final FilterScanner in;

  private SimpleFilter(String text) {
    this.in = new FilterScanner(text, "invalid_filter", "filter");
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
      if (parser.in.atEnd()) {
        return conditions;
      }
      int at = parser.in.pos();
      String word = parser.in.word();
      if (!"AND".equalsIgnoreCase(word)) {
        throw parser.in.error(at, "expected AND");
      }
    }
  }

  private Condition condition(Set<String> attributes, Set<String> entities) {
    in.skipSpace();
    int at = in.pos();
    String first = in.atQuote() ? in.quoted() : in.word();
    if (first == null) {
      throw in.error(at, "expected a field name");
    }
    String entity = null;
    String key;
    if (in.tryConsume(".")) {
      entity = first.toLowerCase(Locale.ROOT);
      if (!entities.contains(entity)) {
        throw in.error(at, "'" + first + "' is not one of " + entities);
      }
      int keyAt = in.pos();
      key = in.atQuote() ? in.quoted() : in.bareKey();
      if (key == null) {
        throw in.error(keyAt, "expected a key");
      }
    } else if (attributes.contains(first.toLowerCase(Locale.ROOT))) {
      key = first.toLowerCase(Locale.ROOT);
    } else {
      throw in.error(at, "'" + first + "' is not one of " + attributes);
    }
    in.skipSpace();
    String operator = operator();
    in.skipSpace();
    if (in.atStringQuote()) {
      return new Condition(entity, key, operator, in.quoted(), null);
    }
    int valueAt = in.pos();
    String number = in.number();
    if (number == null) {
      throw in.error(valueAt, "expected a quoted string or a number");
    }
    return new Condition(entity, key, operator, number, Double.parseDouble(number));
  }

  private String operator() {
    int at = in.pos();
    String word = in.word();
    if (word != null) {
      String upper = word.toUpperCase(Locale.ROOT);
      if (upper.equals("LIKE") || upper.equals("ILIKE")) {
        return upper;
      }
      throw in.error(at, "expected a comparison");
    }
    for (String symbol : List.of("<=", ">=", "!=", "=", "<", ">")) {
      if (in.tryConsume(symbol)) {
        return symbol;
      }
    }
    throw in.error(at, "expected a comparison");
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
