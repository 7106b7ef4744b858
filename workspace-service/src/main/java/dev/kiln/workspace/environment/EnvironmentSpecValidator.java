package dev.kiln.workspace.environment;

import dev.kiln.common.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks an environment spec and turns it into a definition. Without an image, the base image is
 * {@code python:<python_version>-slim} ({@code python:3.11-slim} without a Python version). The
 * Python version is {@code python_version}, else the conda file's {@code python=3.x} pin.
 */
@Component
class EnvironmentSpecValidator {

  static final String DEFAULT_PYTHON = "3.11";
  static final int MAX_IMAGE_LENGTH = 512;
  static final int MAX_VARIABLE_VALUE_LENGTH = 4096;

  private static final Pattern VARIABLE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,254}$");
  private static final Pattern PYTHON_VERSION = Pattern.compile("^\\d\\.\\d{1,2}(\\.\\d{1,3})?$");
  private static final Pattern NO_WHITESPACE_OR_CONTROL = Pattern.compile("^[^\\s\\p{Cntrl}]+$");

  EnvironmentDefinition validate(EnvironmentSpec spec) {
    CondaFile conda = CondaFile.parse(spec.condaFile());
    String python = pythonVersion(spec.pythonVersion(), conda);
    List<String> requirements = new ArrayList<>();
    if (spec.pipRequirements() != null) {
      requirements.addAll(PipRequirements.canonical(spec.pipRequirements()));
    }
    if (conda != null) {
      requirements.addAll(PipRequirements.canonical(conda.pip()));
    }
    EnvironmentContent content =
        new EnvironmentContent(
            image(spec.image(), python),
            python,
            requirements,
            variables(spec.environmentVariables()));
    return new EnvironmentDefinition(
        content,
        content.contentHash(),
        spec.description(),
        tags(spec.tags()),
        conda == null ? null : conda.text());
  }

  private static String pythonVersion(String given, CondaFile conda) {
    if (given == null || given.isBlank()) {
      return conda == null ? null : conda.pythonVersion();
    }
    String version = given.strip();
    if (!PYTHON_VERSION.matcher(version).matches()) {
      throw new InvalidRequestException(
          "invalid_python_version",
          "python_version is major.minor or major.minor.patch, such as 3.11; was " + given);
    }
    return version;
  }

  private static String image(String given, String python) {
    if (given == null) {
      return "python:" + (python == null ? DEFAULT_PYTHON : python) + "-slim";
    }
    String image = given.strip();
    if (image.isEmpty()
        || image.length() > MAX_IMAGE_LENGTH
        || !NO_WHITESPACE_OR_CONTROL.matcher(image).matches()) {
      throw new InvalidRequestException(
          "invalid_image",
          "image is an image reference of 1 to "
              + MAX_IMAGE_LENGTH
              + " characters without whitespace, such as python:3.11-slim.");
    }
    return image;
  }

  private static Map<String, String> variables(Map<String, String> given) {
    Map<String, String> variables = new TreeMap<>();
    if (given == null) {
      return variables;
    }
    given.forEach(
        (name, value) -> {
          if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
            throw invalidVariable(
                "Environment variable names match [A-Za-z_][A-Za-z0-9_]*; was '" + name + "'.");
          }
          if (value == null || value.length() > MAX_VARIABLE_VALUE_LENGTH) {
            throw invalidVariable(
                "The value of "
                    + name
                    + " must be a string of at most "
                    + MAX_VARIABLE_VALUE_LENGTH
                    + " characters.");
          }
          variables.put(name, value);
        });
    return variables;
  }

  private static Map<String, String> tags(Map<String, String> given) {
    Map<String, String> tags = new TreeMap<>();
    if (given == null) {
      return tags;
    }
    given.forEach(
        (key, value) -> {
          if (key == null || key.isBlank() || key.length() > 256) {
            throw new InvalidRequestException("invalid_tag", "A tag key is 1 to 256 characters.");
          }
          if (value != null && value.length() > 1024) {
            throw new InvalidRequestException(
                "invalid_tag", "The value of tag " + key + " is at most 1024 characters.");
          }
          tags.put(key, value == null ? "" : value);
        });
    return tags;
  }

  private static InvalidRequestException invalidVariable(String detail) {
    return new InvalidRequestException("invalid_environment_variable", detail);
  }
}
