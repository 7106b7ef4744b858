package dev.kiln.cli.environment;

import dev.kiln.cli.asset.AssetSpec;
import dev.kiln.cli.asset.SpecText;
import dev.kiln.cli.asset.TextFiles;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts the local files an environment spec names into the spec itself, since the server cannot read
 * them:
 *
 * <ul>
 *   <li>{@code conda_file: conda.yaml}, a path relative to the spec file, becomes the file's text.
 *       Text that spans lines, or a mapping, is already the content and is sent as it is.
 *   <li>{@code pip_requirements: requirements.txt}, a path ending in {@code .txt}, becomes the list
 *       of its lines that are neither blank nor comments ({@code #}, also after a requirement and a
 *       space). A list is sent as it is.
 *   <li>{@code python_version} is sent as text (see {@link SpecText}).
 * </ul>
 */
public final class LocalFiles {

  static final String CONDA_FILE = "conda_file";
  static final String PIP_REQUIREMENTS = "pip_requirements";
  static final String PYTHON_VERSION = "python_version";

  private static final Pattern COMMENT = Pattern.compile("(?:^|\\s)#.*$");

  private LocalFiles() {}

  /**
   * Inlines the files of {@code spec}'s body, in place.
   *
   * @throws IllegalArgumentException when a key holds a value of the wrong kind
   * @throws dev.kiln.cli.error.CliException (exit 2) when a file cannot be read
   */
  public static void inline(AssetSpec spec) {
    ObjectNode body = spec.body();
    inlineCondaFile(spec, body);
    inlineRequirements(spec, body);
    String python = SpecText.scalar(body, PYTHON_VERSION, spec.source());
    if (python != null) {
      body.put(PYTHON_VERSION, python);
    }
  }

  private static void inlineCondaFile(AssetSpec spec, ObjectNode body) {
    JsonNode value = body.get(CONDA_FILE);
    if (value == null || value.isNull() || value.isObject()) {
      return;
    }
    if (!value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException(
          "'" + CONDA_FILE + "' in " + spec.source() + " must be the path of a conda YAML file");
    }
    String text = value.asString();
    if (text.contains("\n")) {
      return;
    }
    String path = text.strip();
    body.put(CONDA_FILE, TextFiles.read(spec.resolve(path), "conda file", path, spec));
  }

  private static void inlineRequirements(AssetSpec spec, ObjectNode body) {
    JsonNode value = body.get(PIP_REQUIREMENTS);
    if (value == null || value.isNull() || value.isArray()) {
      return;
    }
    String path = value.isString() ? value.asString().strip() : "";
    if (!path.toLowerCase(Locale.ROOT).endsWith(".txt")) {
      throw new IllegalArgumentException(
          "'"
              + PIP_REQUIREMENTS
              + "' in "
              + spec.source()
              + " must be a list of requirements or the path of a requirements file ending in"
              + " .txt");
    }
    String text = TextFiles.read(spec.resolve(path), "requirements file", path, spec);
    ArrayNode list = body.putArray(PIP_REQUIREMENTS);
    requirements(text).forEach(list::add);
  }

  /** The requirements in the text of a requirements file, in order. */
  static List<String> requirements(String text) {
    return text.lines()
        .map(line -> COMMENT.matcher(line).replaceFirst("").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
