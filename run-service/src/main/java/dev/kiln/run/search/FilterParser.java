package dev.kiln.run.search;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.run.run.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of MLflow's search grammar: clauses {@code <entity>.<key> <op>
 * <value>} joined by {@code AND} (MLflow has no {@code OR}), and order keys {@code <entity>.<key>
 * [ASC|DESC]}. An identifier without an entity names an attribute ({@code status}, {@code
 * start_time}), as in MLflow.
 */
final class FilterParser {

  static final int MAX_FILTER_LENGTH = 65_536;
  static final int MAX_CLAUSES = 100;
  static final int MAX_LIST_VALUES = 1_000;
  static final int MAX_ORDER_KEYS = 10;

  /** Epoch milliseconds PostgreSQL can hold as a time: years 1 to 9999. */
  private static final long MIN_MILLIS = -62_135_596_800_000L;

  private static final long MAX_MILLIS = 253_402_300_799_999L;

  private final FilterScanner in;

  private FilterParser(FilterScanner in) {
    this.in = in;
  }

  /** The clauses of {@code filter}; none for {@code null} or blank. */
  static List<Clause> parseFilter(String filter) {
    if (filter == null || filter.isBlank()) {
      return List.of();
    }
    if (filter.length() > MAX_FILTER_LENGTH) {
      throw new InvalidRequestException(
          "invalid_filter",
          "The filter is longer than " + MAX_FILTER_LENGTH + " characters; search with less.");
    }
    return new FilterParser(new FilterScanner(filter, "invalid_filter", "filter")).clauses();
  }

  /** The keys of an order; none for {@code null}. */
  static List<OrderKey> parseOrderBy(List<String> orderBy) {
    if (orderBy == null) {
      return List.of();
    }
    if (orderBy.size() > MAX_ORDER_KEYS) {
      throw new InvalidRequestException(
          "invalid_order_by", "An order has at most " + MAX_ORDER_KEYS + " keys.");
    }
    List<OrderKey> keys = new ArrayList<>();
    for (String text : orderBy) {
      if (text == null || text.isBlank() || text.length() > 1_000) {
        throw new InvalidRequestException(
            "invalid_order_by",
            "An order key is 1 to 1,000 characters, such as 'metrics.rmse ASC'.");
      }
      String what = "orderBy '" + text + "'";
      keys.add(new FilterParser(new FilterScanner(text, "invalid_order_by", what)).orderKey());
    }
    return keys;
  }

  private List<Clause> clauses() {
    List<Clause> clauses = new ArrayList<>();
    while (true) {
      in.skipSpace();
      if (clauses.size() == MAX_CLAUSES) {
        throw in.error(in.pos(), "a filter has at most " + MAX_CLAUSES + " clauses");
      }
      clauses.add(clause());
      if (in.atEnd()) {
        return clauses;
      }
      int at = in.pos();
      String word = in.word();
      if ("OR".equalsIgnoreCase(word)) {
        throw in.error(at, "MLflow's filter has no OR; join clauses with AND");
      }
      if (!"AND".equalsIgnoreCase(word)) {
        throw in.error(at, "expected AND or the end of the filter");
      }
      if (in.atEnd()) {
        throw in.error(in.pos(), "expected a clause after AND");
      }
    }
  }

  private Clause clause() {
    Field field = field();
    in.skipSpace();
    int at = in.pos();
    Operator operator = operator();
    if (field.numeric() && !operator.numeric()) {
      throw in.error(at, field.describe() + " is a number: compare it with =, !=, <, <=, > or >=");
    }
    if (!field.numeric() && !operator.string()) {
      throw in.error(
          at, field.describe() + " is a string: compare it with =, !=, LIKE, ILIKE, IN or NOT IN");
    }
    in.skipSpace();
    if (field.numeric()) {
      return Clause.numeric(field, operator, number(field));
    }
    int valueAt = in.pos();
    List<String> values = operator.list() ? list() : List.of(string(field));
    boolean pattern = operator == Operator.LIKE || operator == Operator.ILIKE;
    if (field.attribute() == Attribute.STATUS && !pattern) {
      for (String value : values) {
        if (StatusNames.named(value).isEmpty()) {
          throw in.error(valueAt, "unknown status '" + value + "'; " + StatusNames.KNOWN);
        }
      }
    }
    return Clause.strings(field, operator, values);
  }

  private OrderKey orderKey() {
    in.skipSpace();
    Field field = field();
    if (in.atEnd()) {
      return new OrderKey(field, true);
    }
    int at = in.pos();
    String direction = in.word();
    boolean ascending = "ASC".equalsIgnoreCase(direction);
    if (!ascending && !"DESC".equalsIgnoreCase(direction)) {
      throw in.error(at, "expected ASC or DESC");
    }
    if (!in.atEnd()) {
      throw in.error(in.pos(), "expected nothing after " + direction);
    }
    return new OrderKey(field, ascending);
  }

  /** {@code entity.key}, or an attribute alone. */
  private Field field() {
    int at = in.pos();
    String first = in.atQuote() ? in.quoted() : in.word();
    if (first == null) {
      throw in.error(
          at,
          "expected an identifier such as metrics.rmse, params.lr, tags.team or attributes.status");
    }
    if (!in.tryConsume(".")) {
      return Field.of(
          Attribute.of(first)
              .orElseThrow(
                  () ->
                      in.error(
                          at,
                          "unknown identifier '"
                              + first
                              + "'; write <entity>.<key> with entity metrics, params, tags or"
                              + " attributes, or an attribute: "
                              + Attribute.keys())));
    }
    EntityType type =
        EntityType.of(first)
            .orElseThrow(
                () ->
                    in.error(
                        at,
                        "unknown entity '"
                            + first
                            + "'; one of metrics, params, tags, attributes (or their aliases)"));
    int keyAt = in.pos();
    String key = in.atQuote() ? in.quoted() : in.bareKey();
    if (key == null || key.isEmpty()) {
      throw in.error(keyAt, "expected a key after '" + first + ".'; quote a key with spaces");
    }
    if (key.length() > Keys.MAX_KEY_LENGTH) {
      throw in.error(keyAt, "a key is at most " + Keys.MAX_KEY_LENGTH + " characters");
    }
    if (type != EntityType.ATTRIBUTE) {
      return Field.of(type, key);
    }
    return Field.of(
        Attribute.of(key)
            .orElseThrow(
                () ->
                    in.error(
                        keyAt, "unknown attribute '" + key + "'; one of " + Attribute.keys())));
  }

  private Operator operator() {
    int at = in.pos();
    if (in.tryConsume("!=")) {
      return Operator.NE;
    }
    if (in.tryConsume("<=")) {
      return Operator.LE;
    }
    if (in.tryConsume(">=")) {
      return Operator.GE;
    }
    if (in.tryConsume("==") || in.tryConsume("<>")) {
      throw in.error(at, "unknown comparator; use = or !=");
    }
    if (in.tryConsume("=")) {
      return Operator.EQ;
    }
    if (in.tryConsume("<")) {
      return Operator.LT;
    }
    if (in.tryConsume(">")) {
      return Operator.GT;
    }
    String word = in.word();
    switch (word == null ? "" : word.toUpperCase(Locale.ROOT)) {
      case "LIKE":
        return Operator.LIKE;
      case "ILIKE":
        return Operator.ILIKE;
      case "IN":
        return Operator.IN;
      case "NOT":
        in.skipSpace();
        if ("IN".equalsIgnoreCase(in.word())) {
          return Operator.NOT_IN;
        }
        throw in.error(at, "expected NOT IN");
      default:
        throw in.error(at, "expected a comparator: =, !=, <, <=, >, >=, LIKE, ILIKE, IN or NOT IN");
    }
  }

  private double number(Field field) {
    int at = in.pos();
    String text = in.number();
    if (text == null) {
      throw in.error(at, "expected a number to compare " + field.describe() + " with");
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw in.error(at, "the number is out of range");
    }
    if (field.type() == EntityType.ATTRIBUTE
        && (value != Math.rint(value) || value < MIN_MILLIS || value > MAX_MILLIS)) {
      throw in.error(at, field.describe() + " compares with a time in whole epoch milliseconds");
    }
    return value;
  }

  private String string(Field field) {
    int at = in.pos();
    if (!in.atStringQuote()) {
      throw in.error(
          at,
          "expected a quoted string ('value' or \"value\") to compare "
              + field.describe()
              + " with");
    }
    return in.quoted();
  }

  private List<String> list() {
    int at = in.pos();
    if (!in.tryConsume("(")) {
      throw in.error(at, "expected a list such as ('a', 'b')");
    }
    List<String> values = new ArrayList<>();
    while (true) {
      in.skipSpace();
      int valueAt = in.pos();
      if (!in.atStringQuote()) {
        throw in.error(valueAt, "expected a quoted string in the list");
      }
      values.add(in.quoted());
      if (values.size() > MAX_LIST_VALUES) {
        throw in.error(valueAt, "a list holds at most " + MAX_LIST_VALUES + " values");
      }
      in.skipSpace();
      if (in.tryConsume(")")) {
        return values;
      }
      if (!in.tryConsume(",")) {
        throw in.error(in.pos(), "expected ',' or ')' in the list");
      }
    }
  }
}
