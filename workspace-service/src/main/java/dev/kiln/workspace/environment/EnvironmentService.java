package dev.kiln.workspace.environment;

import dev.kiln.common.asset.Versions;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.id.Ids;
import dev.kiln.common.id.Names;
import dev.kiln.workspace.workspace.WorkspaceLookup;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and archives a workspace's environment versions. Versions are immutable: creating one
 * that exists answers the existing one when the content is the same, and a conflict otherwise.
 * Writers of one name are serialised by a PostgreSQL advisory lock, so automatic versions stay
 * unique across replicas.
 */
@Service
class EnvironmentService {

  /** The version written or found, and whether this call created it. */
  record Saved(EnvironmentResponse environment, boolean created) {}

  private final EnvironmentRepository environments;
  private final WorkspaceLookup workspaces;
  private final EnvironmentSpecValidator validator;

  EnvironmentService(
      EnvironmentRepository environments,
      WorkspaceLookup workspaces,
      EnvironmentSpecValidator validator) {
    this.environments = environments;
    this.workspaces = workspaces;
    this.validator = validator;
  }

  /**
   * Creates version {@code version} of {@code name}; with a null version, the spec's {@code
   * version}, else the next automatic one.
   */
  @Transactional
  public Saved create(String workspace, String name, String version, EnvironmentSpec spec) {
    if (!Names.isValidAssetName(name)) {
      throw new InvalidRequestException(
          "invalid_name",
          "An environment name is 1 to 255 letters, digits, '.', '-' or '_', starting with a"
              + " letter or digit; was '"
              + name
              + "'.");
    }
    if (spec.name() != null && !spec.name().equals(name)) {
      throw new InvalidRequestException(
          "name_mismatch",
          "The spec names '" + spec.name() + "' but the URL names '" + name + "'.");
    }
    String chosen = chosenVersion(version, spec.version());
    EnvironmentDefinition definition = validator.validate(spec);
    UUID workspaceId = workspaces.requireId(workspace);
    Scope scope = Scope.workspace(workspaceId);
    environments.lock("environment:" + workspaceId + ":" + name.toLowerCase(Locale.ROOT));
    List<String> existing = environments.versionNumbers(scope, name);
    if (existing.isEmpty() && isCurated(name)) {
      throw EnvironmentProblems.curated(name);
    }
    if (chosen == null) {
      chosen = Versions.next(existing);
    } else {
      Optional<Environment> same = environments.version(scope, name, chosen);
      if (same.isPresent()) {
        if (!same.get().contentHash().equals(definition.contentHash())) {
          throw EnvironmentProblems.versionExists(name, chosen);
        }
        return new Saved(EnvironmentResponse.of(same.get()), false);
      }
    }
    // Later versions keep the spelling of the name's first version.
    String storedName =
        existing.isEmpty() ? name : environments.versions(scope, name, Limit.of(1)).get(0).name();
    Environment created =
        environments.save(
            new Environment(Ids.newId(), scope, storedName, chosen, definition, now()));
    return new Saved(EnvironmentResponse.of(created), true);
  }

  /** Archives a version of the workspace's own; curated versions cannot be archived. */
  @Transactional
  public EnvironmentResponse archive(String workspace, String name, String version) {
    UUID workspaceId = workspaces.requireId(workspace);
    if (!environments.existsByWorkspaceIdAndNameIgnoreCase(workspaceId, name)) {
      if (isCurated(name) || CuratedEnvironments.aliasOf(name).isPresent()) {
        throw EnvironmentProblems.curated(name);
      }
      throw EnvironmentProblems.notFound(name, workspace);
    }
    Versions.requireValid(version);
    Environment environment =
        environments
            .version(Scope.workspace(workspaceId), name, version)
            .orElseThrow(() -> EnvironmentProblems.versionNotFound(name, version));
    environment.archive(now());
    return EnvironmentResponse.of(environment);
  }

  private boolean isCurated(String name) {
    return CuratedEnvironments.isReservedName(name)
        || environments.existsByCuratedTrueAndNameIgnoreCase(name);
  }

  private static String chosenVersion(String inUrl, String inSpec) {
    if (inUrl == null) {
      return inSpec == null ? null : Versions.requireValid(inSpec);
    }
    Versions.requireValid(inUrl);
    if (inSpec != null && !inSpec.equals(inUrl)) {
      throw new InvalidRequestException(
          "version_mismatch",
          "The spec says version '" + inSpec + "' but the URL says '" + inUrl + "'.");
    }
    return inUrl;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
