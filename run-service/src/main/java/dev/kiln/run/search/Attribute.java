package dev.kiln.run.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The run attributes a filter or an order may name, with MLflow's aliases. {@code created} is the
 * run's creation time here (MLflow makes it an alias of {@code start_time}, which for an MLflow run
 * is its creation time too); {@code start_time} falls back to the creation time until the run
 * starts, so that every run has one, as every MLflow run does.
 */
enum Attribute {
  STATUS("status", Kind.STATUS),
  RUN_ID("run_id", Kind.STRING),
  RUN_NAME("run_name", Kind.STRING, "run name"),
  USER_ID("user_id", Kind.STRING),
  START_TIME("start_time", Kind.TIME),
  END_TIME("end_time", Kind.TIME),
  CREATED("created", Kind.TIME);

  /** How an attribute compares: a string, a time in epoch milliseconds, or a status name. */
  enum Kind {
    STRING,
    TIME,
    STATUS
  }

  private final String key;
  private final Kind kind;
  private final List<String> aliases;

  Attribute(String key, Kind kind, String... aliases) {
    this.key = key;
    this.kind = kind;
    this.aliases = List.of(aliases);
  }

  String key() {
    return key;
  }

  Kind kind() {
    return kind;
  }

  static Optional<Attribute> of(String name) {
    return Arrays.stream(values())
        .filter(
            a ->
                a.key.equalsIgnoreCase(name) || a.aliases.stream().anyMatch(name::equalsIgnoreCase))
        .findFirst();
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(Attribute::key).toList();
  }
}
