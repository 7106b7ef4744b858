package dev.kiln.workspace.environment;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.spec.SafeYaml;
import dev.kiln.common.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The parts of a conda environment file that Kiln uses: the {@code pip:} list under {@code
 * dependencies}, and the Python version of a {@code python=3.x} dependency. Conda packages
 * themselves are not installed; environments are pip environments on a Python base image.
 *
 * @param text the file as stored and shown back
 * @param pip the pip requirements, as written
 * @param pythonVersion the {@code major.minor} of a pinned {@code python} dependency, or null
 */
record CondaFile(String text, List<String> pip, String pythonVersion) {

  static final int MAX_LENGTH = 100_000;

  /** Conda files are user content: parsed with the platform's hardened YAML reader. */
  private static final SafeYaml YAML = new SafeYaml();

  private static final YAMLMapper YAML_WRITER = YAMLMapper.builder().build();

  private static final Pattern PYTHON =
      Pattern.compile("^python\\s*={1,2}\\s*(\\d+\\.\\d+)(?:\\.[0-9*]+)*$");

  /** Reads a conda file given as its content or as a mapping; {@code null} when absent. */
  static CondaFile parse(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    JsonNode tree;
    String text;
    if (value.isString()) {
      text = value.asString();
      if (text.length() > MAX_LENGTH) {
        throw invalid("conda_file is at most " + MAX_LENGTH + " characters long.");
      }
      tree = read(text);
    } else if (value.isObject()) {
      tree = value;
      text = YAML_WRITER.writeValueAsString(value);
    } else {
      throw invalid("conda_file must be the file's content (a string) or its mapping.");
    }
    if (tree == null || !tree.isObject()) {
      throw invalid(
          "conda_file must be the content of a conda environment file (a mapping with"
              + " 'dependencies'), not a path; the CLI inlines a local file.");
    }
    return fromTree(text, tree);
  }

  private static CondaFile fromTree(String text, JsonNode tree) {
    JsonNode dependencies = tree.get("dependencies");
    List<String> pip = new ArrayList<>();
    String python = null;
    if (dependencies == null || dependencies.isNull()) {
      return new CondaFile(text, List.of(), null);
    }
    if (!dependencies.isArray()) {
      throw invalid("conda_file: 'dependencies' must be a list.");
    }
    for (JsonNode dependency : dependencies.values()) {
      if (dependency.isString()) {
        Matcher pinned = PYTHON.matcher(dependency.asString().strip());
        if (pinned.matches()) {
          python = pinned.group(1);
        }
      } else if (dependency.isObject()) {
        for (Map.Entry<String, JsonNode> entry : dependency.properties()) {
          if (entry.getKey().equals("pip")) {
            pip.addAll(pipList(entry.getValue()));
          }
        }
      } else if (!dependency.isNull()) {
        throw invalid("conda_file: each dependency is a string or a 'pip:' list.");
      }
    }
    return new CondaFile(text, List.copyOf(pip), python);
  }

  private static List<String> pipList(JsonNode list) {
    if (list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw invalid("conda_file: the 'pip' dependency must be a list of requirements.");
    }
    if (list.size() > PipRequirements.MAX_COUNT) {
      throw new InvalidRequestException(
          "invalid_requirement",
          "At most " + PipRequirements.MAX_COUNT + " pip requirements are allowed.");
    }
    List<String> requirements = new ArrayList<>();
    for (JsonNode item : list.values()) {
      if (!item.isString()) {
        throw invalid("conda_file: each pip requirement is a string.");
      }
      requirements.add(item.asString());
    }
    return requirements;
  }

  private static JsonNode read(String text) {
    try {
      return YAML.read(text);
    } catch (SpecException e) {
      throw invalid("conda_file: " + e.getMessage());
    }
  }

  private static InvalidRequestException invalid(String detail) {
    return new InvalidRequestException("invalid_conda_file", detail);
  }
}
