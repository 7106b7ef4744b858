package dev.kiln.cli.spec;

import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code --set key=value} override of a spec: a top-level key ({@code bucket=other}) or a
 * dotted path into nested mappings ({@code credentials.secret_access_key=...}). The value is always
 * a string; missing mappings on the way are created. Messages name the key, never the value, since
 * values may be secrets.
 *
 * @param path the key's parts, e.g. {@code [credentials, secret_access_key]}
 * @param value the text after the first {@code =}, possibly empty
 */
public record Assignment(List<String> path, String value) {

  public Assignment {
    path = List.copyOf(path);
  }

  /**
   * Reads {@code key=value}, splitting at the first {@code =} (values may contain more).
   *
   * @throws IllegalArgumentException when there is no {@code =} or the key has an empty part
   */
  public static Assignment parse(String text) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      throw new IllegalArgumentException(
          "--set expects key=value, e.g. --set bucket=other, but the argument has no '='");
    }
    String key = text.substring(0, equals).strip();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("--set needs a key before '='");
    }
    List<String> path = Arrays.asList(key.split("\\.", -1));
    if (path.stream().anyMatch(part -> part.isBlank())) {
      throw new IllegalArgumentException("--set key '" + key + "' has an empty part");
    }
    return new Assignment(path.stream().map(String::strip).toList(), text.substring(equals + 1));
  }

  /** The dotted key, as typed. */
  public String key() {
    return String.join(".", path);
  }

  /**
   * Sets the value in {@code spec}, creating mappings along the path where there are none (or
   * {@code null}).
   *
   * @throws IllegalArgumentException when a part of the path holds a value that is not a mapping,
   *     or the key itself holds a mapping or list
   */
  public void applyTo(ObjectNode spec) {
    ObjectNode target = spec;
    for (int i = 0; i < path.size() - 1; i++) {
      String part = path.get(i);
      JsonNode child = target.get(part);
      if (child == null || child.isNull()) {
        target = target.putObject(part);
      } else if (child instanceof ObjectNode mapping) {
        target = mapping;
      } else {
        throw new IllegalArgumentException(
            "--set "
                + key()
                + ": '"
                + String.join(".", path.subList(0, i + 1))
                + "' is not a mapping");
      }
    }
    String last = path.get(path.size() - 1);
    JsonNode existing = target.get(last);
    if (existing != null && existing.isObject()) {
      throw new IllegalArgumentException(
          "--set "
              + key()
              + ": '"
              + key()
              + "' is a mapping; set its keys instead, e.g. --set "
              + key()
              + ".<key>=<value>");
    }
    if (existing != null && existing.isArray()) {
      throw new IllegalArgumentException(
          "--set " + key() + ": '" + key() + "' is a list, which --set cannot change");
    }
    target.put(last, value);
  }

  /** The key only: the value may be a secret. */
  @Override
  public String toString() {
    return "Assignment[" + key() + "=***]";
  }
}
