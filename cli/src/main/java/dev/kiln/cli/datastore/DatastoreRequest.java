package dev.kiln.cli.datastore;

import dev.kiln.cli.spec.Assignment;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code kiln datastore create} sends: {@code PUT .../datastores/{name}} with the spec, as
 * JSON, as its body.
 *
 * @param name the datastore's name, for the path; the body's {@code name} is the same
 * @param body the spec with the {@code --set} overrides applied; it may hold credentials
 */
record DatastoreRequest(String name, ObjectNode body) {

  /**
   * The request for {@code spec} (left unchanged): the {@code --set} overrides are applied in
   * order, then the name is taken from {@code --name}, else from the spec's {@code name}.
   *
   * @param nameOption the {@code --name} value, or {@code null}
   * @param source the file the spec came from, for messages
   * @throws IllegalArgumentException when there is no name or an override does not fit the spec
   */
  static DatastoreRequest of(
      ObjectNode spec, String nameOption, List<Assignment> overrides, String source) {
    ObjectNode body = spec.deepCopy();
    for (Assignment override : overrides) {
      override.applyTo(body);
    }
    String name = nameOption != null ? nameOption(nameOption) : nameIn(body, source);
    body.put("name", name);
    return new DatastoreRequest(name, body);
  }

  private static String nameOption(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("--name must not be empty");
    }
    return name.strip();
  }

  private static String nameIn(ObjectNode body, String source) {
    JsonNode name = body.get("name");
    if (name != null && name.isContainer()) {
      throw new IllegalArgumentException(
          "'name' in "
              + source
              + " must be text, not "
              + (name.isArray() ? "a list" : "a mapping"));
    }
    if (name == null || name.isNull() || name.asString().isBlank()) {
      throw new IllegalArgumentException(
          "the datastore has no name: add 'name: <name>' to " + source + " or pass --name <name>");
    }
    return name.asString().strip();
  }

  /** The name only: the body may hold credentials. */
  @Override
  public String toString() {
    return "DatastoreRequest[name=" + name + "]";
  }
}
