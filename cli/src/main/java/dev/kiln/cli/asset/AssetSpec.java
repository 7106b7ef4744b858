package dev.kiln.cli.asset;

import dev.kiln.cli.spec.Assignment;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A versioned asset's spec as a {@code create} command sends it: the file's mapping with the {@code
 * --set} overrides applied, and the name and version chosen.
 *
 * @param kind what the asset is, for messages, e.g. {@code data asset}
 * @param name the asset's name; the body's {@code name} is the same
 * @param version the version to register, or {@code null} for the next automatic one; when set, the
 *     body's {@code version} is the same
 * @param body what is sent, as JSON
 * @param file the spec file; local paths in the spec are relative to its folder
 */
public record AssetSpec(String kind, String name, String version, ObjectNode body, Path file) {

  /**
   * The spec read from {@code spec} (left unchanged): the overrides are applied in order, then the
   * name is {@code --name}, else the spec's {@code name}, and the version {@code --version}, else
   * the spec's {@code version}, else none.
   *
   * @param nameOption the {@code --name} value, or {@code null}
   * @param versionOption the {@code --version} value, or {@code null}
   * @throws IllegalArgumentException when there is no name, a name or version is not text, or an
   *     override does not fit the spec
   */
  public static AssetSpec of(
      String kind,
      ObjectNode spec,
      Path file,
      String nameOption,
      String versionOption,
      List<Assignment> overrides) {
    ObjectNode body = spec.deepCopy();
    for (Assignment override : overrides) {
      override.applyTo(body);
    }
    String source = "'" + file + "'";
    String name = nameOption != null ? option("--name", nameOption) : nameIn(body, kind, source);
    body.put("name", name);
    String version =
        versionOption != null
            ? option("--version", versionOption)
            : SpecText.scalar(body, "version", source);
    if (version != null) {
      body.put("version", version);
    } else {
      body.remove("version");
    }
    return new AssetSpec(kind, name, version, body, file);
  }

  /** The folder of the spec file, against which relative paths in the spec are resolved. */
  public Path folder() {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }

  /** {@code path} as written in the spec: relative to the spec file's folder unless absolute. */
  public Path resolve(String path) {
    return folder().resolve(path).normalize();
  }

  /** The spec file in quotes, for messages. */
  public String source() {
    return "'" + file + "'";
  }

  /** The name and version only; the body is not shown. */
  @Override
  public String toString() {
    return "AssetSpec[" + kind + " " + name + (version == null ? "" : ":" + version) + "]";
  }

  private static String option(String option, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(option + " must not be empty");
    }
    return value.strip();
  }

  private static String nameIn(JsonNode body, String kind, String source) {
    String name = SpecText.scalar(body, "name", source);
    if (name == null) {
      throw new IllegalArgumentException(
          "the "
              + kind
              + " has no name: add 'name: <name>' to "
              + source
              + " or pass --name <name>");
    }
    return name;
  }
}
