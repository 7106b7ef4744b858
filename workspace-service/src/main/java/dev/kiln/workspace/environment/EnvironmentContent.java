package dev.kiln.workspace.environment;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an environment installs, and so what its content hash covers: the base image, the Python
 * version, the pip requirements (made canonical, sorted, de-duplicated on construction) and the
 * environment variables (sorted by name). Descriptions and tags are not content.
 */
record EnvironmentContent(
    String image,
    String pythonVersion,
    List<String> pipRequirements,
    Map<String, String> environmentVariables) {

  EnvironmentContent {
    pipRequirements =
        PipRequirements.canonical(pipRequirements == null ? List.of() : pipRequirements);
    environmentVariables =
        Collections.unmodifiableSortedMap(
            new TreeMap<>(environmentVariables == null ? Map.of() : environmentVariables));
  }

  /** The sha256 of the canonical form; see {@link ContentHash}. */
  String contentHash() {
    return ContentHash.of(this);
  }
}
