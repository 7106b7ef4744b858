package dev.kiln.workspace.environment;

import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.NotFoundException;

/** The problems the environment API answers with, worded in one place. */
final class EnvironmentProblems {

  private EnvironmentProblems() {}

  static NotFoundException notFound(String name, String workspace) {
    String detail = "Environment '" + name + "' not found in '" + workspace + "'.";
    if (CuratedEnvironments.isReservedName(name)) {
      detail +=
          " Kiln stands in for Azure ML's curated sklearn, minimal, pytorch and tensorflow"
              + " environments with its own: "
              + CuratedEnvironments.names()
              + ".";
    }
    return new NotFoundException("environment_not_found", detail);
  }

  static NotFoundException versionNotFound(String name, String version) {
    return new NotFoundException(
        "environment_not_found", "Environment '" + name + "' has no version '" + version + "'.");
  }

  static NotFoundException noLatest(String name) {
    return new NotFoundException(
        "environment_not_found",
        "Environment '" + name + "' has no version that is not archived; name one explicitly.");
  }

  static ConflictException curated(String name) {
    return new ConflictException(
        "curated_environment",
        "'"
            + name
            + "' is a curated environment (or a name reserved for one): it cannot be created,"
            + " replaced or archived. Create an environment of another name.");
  }

  static ConflictException versionExists(String name, String version) {
    return new ConflictException(
        "version_exists",
        "Version '"
            + version
            + "' of environment '"
            + name
            + "' exists with different content; versions are immutable, so create a new one.");
  }
}
