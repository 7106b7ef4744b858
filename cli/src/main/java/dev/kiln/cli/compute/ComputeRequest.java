package dev.kiln.cli.compute;

import dev.kiln.cli.spec.Assignment;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code kiln compute create} sends: {@code PUT .../computes/{name}} with the spec as its
 * body: the file as written when the options leave the spec as it is, so that the server's messages
 * name lines of the user's file; else the changed spec as JSON.
 *
 * @param name the compute's name, for the path; the body's {@code name} is the same
 * @param body the spec with the {@code --set} overrides applied
 * @param text the file's text when it is the body, else {@code null}
 * @param contentType the type of {@code text}: {@code application/json} or {@code
 *     application/yaml}, with the charset
 */
record ComputeRequest(String name, ObjectNode body, String text, String contentType) {

  /**
   * The request for {@code spec} (left unchanged): the {@code --set} overrides are applied in
   * order, then the name is taken from {@code --name}, else from the spec's {@code name}.
   *
   * @param nameOption the {@code --name} value, or {@code null}
   * @param source the file the spec came from, for messages
   * @param file the file's text and whether it is JSON, sent as written when nothing changed
   * @throws IllegalArgumentException when there is no name or an override does not fit the spec
   */
  static ComputeRequest of(
      ObjectNode spec,
      String nameOption,
      List<Assignment> overrides,
      String source,
      SourceFile file) {
    ObjectNode body = spec.deepCopy();
    for (Assignment override : overrides) {
      override.applyTo(body);
    }
    String name = nameOption != null ? nameOption(nameOption) : nameIn(body, source);
    body.put("name", name);
    if (!body.equals(spec)) {
      return new ComputeRequest(name, body, null, null);
    }
    String type = file.json() ? "application/json" : "application/yaml";
    return new ComputeRequest(name, body, file.text(), type + "; charset=utf-8");
  }

  /** A spec file's text, and whether it is JSON (else YAML). */
  record SourceFile(String text, boolean json) {}

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
          "the compute has no name: add 'name: <name>' to " + source + " or pass --name <name>");
    }
    return name.asString().strip();
  }
}
