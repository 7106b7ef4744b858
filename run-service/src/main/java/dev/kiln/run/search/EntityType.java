package dev.kiln.run.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the left side of a filter clause names: MLflow's entity types and their aliases. */
enum EntityType {
  METRIC("metrics", "metric", "metrics"),
  PARAM("params", "param", "params", "parameter", "parameters"),
  TAG("tags", "tag", "tags"),
  ATTRIBUTE("attributes", "attribute", "attributes", "attr", "run");

  private final String label;
  private final List<String> names;

  EntityType(String label, String... names) {
    this.label = label;
    this.names = List.of(names);
  }

  String label() {
    return label;
  }

  static Optional<EntityType> of(String word) {
    return Arrays.stream(values())
        .filter(t -> t.names.stream().anyMatch(word::equalsIgnoreCase))
        .findFirst();
  }
}
