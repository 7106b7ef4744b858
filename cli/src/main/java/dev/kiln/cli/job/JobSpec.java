package dev.kiln.cli.job;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.spec.Assignment;
import dev.kiln.cli.spec.SpecFile;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A job spec as {@code kiln job create} sends it: the file's one mapping (the Azure ML v2 command
 * job dialect), with the {@code --set} overrides and {@code --name} applied, and later its local
 * files replaced by what was uploaded.
 *
 * @param body what is sent, as JSON; changed in place while the job is prepared
 * @param file the spec file; local paths in the spec are relative to its folder
 */
record JobSpec(ObjectNode body, Path file) {

  /** What messages call the file. */
  static final String KIND = "job spec";

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  /**
   * Reads {@code file}, applies {@code overrides} in order, then {@code name} when given.
   *
   * <p>Unlike the asset commands, whose {@code --set} values are text, a job's values are read as
   * YAML scalars, as if written in the file: {@code inputs.alpha=0.5} is a number, {@code
   * compute=azureml:cpu-pool} text, {@code 'inputs.n="3"'} the text 3.
   *
   * @param name the {@code --name} value, or {@code null}
   * @throws CliException (exit 2) when the file cannot be read
   * @throws IllegalArgumentException when an override does not fit the spec or the name is blank
   */
  static JobSpec read(Path file, String name, List<String> overrides) {
    ObjectNode body = SpecFile.read(file, KIND);
    for (String override : overrides) {
      apply(body, Assignment.parse(override));
    }
    if (name != null) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("--name must not be empty");
      }
      body.put("name", name.strip());
    }
    return new JobSpec(body, file);
  }

  /** Sets the override's value, read as a YAML scalar, at its path in {@code body}. */
  static void apply(ObjectNode body, Assignment override) {
    // The assignment checks the path and creates the mappings on the way; only the type differs.
    override.applyTo(body);
    ObjectNode parent = body;
    List<String> path = override.path();
    for (String part : path.subList(0, path.size() - 1)) {
      parent = (ObjectNode) parent.get(part);
    }
    parent.set(path.get(path.size() - 1), scalar(override.value()));
  }

  /**
   * {@code text} as YAML reads a plain value: a number, a boolean, {@code null} or text. Anything
   * that YAML would read as a mapping or list, or not at all, stays the text as typed.
   */
  static JsonNode scalar(String text) {
    if (!text.isBlank()) {
      try {
        JsonNode value = YAML.readTree(text);
        if (value != null && value.isValueNode()) {
          return value;
        }
      } catch (JacksonException e) {
        // Not YAML: taken as the text it is.
      }
    }
    return JsonNodeFactory.instance.stringNode(text);
  }

  /** The folder of the spec file, against which relative paths in the spec are resolved. */
  Path folder() {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }

  /** {@code path} as written in the spec: relative to the spec file's folder unless absolute. */
  Path resolve(String path) {
    return folder().resolve(path).normalize();
  }

  /** The spec file in quotes, for messages. */
  String source() {
    return "'" + file + "'";
  }
}
