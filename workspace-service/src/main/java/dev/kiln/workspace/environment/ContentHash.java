package dev.kiln.workspace.environment;

import dev.kiln.common.crypto.Hashes;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The content hash of an environment: the lower-case hex sha256 of a canonical JSON document,
 * {@code {"format":1,"image":…,"python_version":…,"pip_requirements":[…],
 * "environment_variables":{…}}}, written compactly in that key order, with the requirements in
 * canonical sorted form and the variables sorted by name. Compute-service caches materialised
 * environments by this value, so changing the document means raising {@code format}.
 */
final class ContentHash {

  static final int FORMAT = 1;

  // A mapper of its own: the hash must not follow changes to the application's JSON settings.
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ContentHash() {}

  static String of(EnvironmentContent content) {
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("format", FORMAT);
    canonical.put("image", content.image());
    canonical.put("python_version", content.pythonVersion());
    canonical.put("pip_requirements", content.pipRequirements());
    canonical.put("environment_variables", content.environmentVariables());
    return Hashes.sha256Hex(JSON.writeValueAsBytes(canonical));
  }
}
