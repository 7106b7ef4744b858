package dev.kiln.run.search;

/**
 * The left side of a clause or an order key: a metric, param or tag by key, or a run attribute
 * (then {@code attribute} is set and {@code key} is its canonical name).
 */
record Field(EntityType type, String key, Attribute attribute) {

  static Field of(EntityType type, String key) {
    return new Field(type, key, null);
  }

  static Field of(Attribute attribute) {
    return new Field(EntityType.ATTRIBUTE, attribute.key(), attribute);
  }

  /** Whether the field compares as a number: metrics and times. */
  boolean numeric() {
    return type == EntityType.METRIC
        || (attribute != null && attribute.kind() == Attribute.Kind.TIME);
  }

  String describe() {
    return type.label() + "." + key;
  }
}
