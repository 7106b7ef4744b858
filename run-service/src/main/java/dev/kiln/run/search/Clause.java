package dev.kiln.run.search;

import java.util.List;

/**
 * One {@code <field> <operator> <value>} of a filter. A numeric field has {@code number}; a string
 * field has {@code strings} (one value, or the list of {@code IN} and {@code NOT IN}).
 */
record Clause(Field field, Operator operator, Double number, List<String> strings) {

  static Clause numeric(Field field, Operator operator, double number) {
    return new Clause(field, operator, number, List.of());
  }

  static Clause strings(Field field, Operator operator, List<String> strings) {
    return new Clause(field, operator, null, List.copyOf(strings));
  }
}
