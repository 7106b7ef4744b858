package dev.kiln.run.search;

/** A comparator of a filter clause. Numbers take the first six; strings the rest and = and !=. */
enum Operator {
  EQ("=", true, true),
  NE("!=", true, true),
  LT("<", true, false),
  LE("<=", true, false),
  GT(">", true, false),
  GE(">=", true, false),
  LIKE("LIKE", false, true),
  ILIKE("ILIKE", false, true),
  IN("IN", false, true),
  NOT_IN("NOT IN", false, true);

  private final String text;
  private final boolean numeric;
  private final boolean string;

  Operator(String text, boolean numeric, boolean string) {
    this.text = text;
    this.numeric = numeric;
    this.string = string;
  }

  String text() {
    return text;
  }

  boolean numeric() {
    return numeric;
  }

  boolean string() {
    return string;
  }

  boolean list() {
    return this == IN || this == NOT_IN;
  }

  /** Whether the operator asks that the value differ from every given one. */
  boolean negative() {
    return this == NE || this == NOT_IN;
  }
}
