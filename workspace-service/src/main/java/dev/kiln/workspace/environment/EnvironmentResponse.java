package dev.kiln.workspace.environment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An environment version as the API shows it. {@code pipRequirements} is the merged canonical list
 * that is installed and hashed; {@code condaFile} is the conda file as given.
 */
record EnvironmentResponse(
    UUID id,
    String name,
    String version,
    String reference,
    boolean curated,
    String description,
    Map<String, String> tags,
    String image,
    String pythonVersion,
    List<String> pipRequirements,
    Map<String, String> environmentVariables,
    String condaFile,
    String contentHash,
    boolean archived,
    Instant createdAt,
    Instant archivedAt) {

  static EnvironmentResponse of(Environment e) {
    return new EnvironmentResponse(
        e.id(),
        e.name(),
        e.version(),
        "azureml:" + e.name() + ":" + e.version(),
        e.curated(),
        e.description(),
        e.tags(),
        e.image(),
        e.pythonVersion(),
        e.pipRequirements(),
        e.environmentVariables(),
        e.condaFile(),
        e.contentHash(),
        e.archivedAt() != null,
        e.createdAt(),
        e.archivedAt());
  }
}
