package dev.kiln.workspace.environment;

import dev.kiln.common.asset.AssetReference;
import dev.kiln.common.asset.Versions;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.workspace.workspace.WorkspaceLookup;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and resolves environments as a workspace sees them. A name means the workspace's own
 * environment of that name if it has one, else the curated one of that name, else the curated one
 * that an Azure ML curated name stands for (whose version is then ignored: it is always the
 * latest). {@code latest} is the newest version that is not archived.
 */
@Service
class EnvironmentCatalog {

  /** What a name addresses; {@code alias} when an Azure ML curated name was mapped. */
  private record Target(Scope scope, String name, boolean alias) {}

  private final EnvironmentRepository environments;
  private final WorkspaceLookup workspaces;

  EnvironmentCatalog(EnvironmentRepository environments, WorkspaceLookup workspaces) {
    this.environments = environments;
    this.workspaces = workspaces;
  }

  /** The latest version of each name the workspace sees, by name. */
  @Transactional(readOnly = true)
  public Page<EnvironmentResponse> list(String workspace, PageRequest page) {
    UUID workspaceId = workspaces.requireId(workspace);
    String after = page.after() == null ? "" : page.after();
    List<Environment> rows =
        environments.findLatestOfEachName(workspaceId, after, page.fetchSize());
    return Page.fromOverfetched(rows, page, e -> e.name().toLowerCase(Locale.ROOT))
        .map(EnvironmentResponse::of);
  }

  /** The versions of a name, newest first, archived ones included. */
  @Transactional(readOnly = true)
  public Page<EnvironmentResponse> versions(String workspace, String name, PageRequest page) {
    Target target = target(workspaces.requireId(workspace), name, workspace);
    Limit limit = Limit.of(page.fetchSize());
    List<Environment> rows;
    if (page.after() == null) {
      rows = environments.versions(target.scope(), target.name(), limit);
    } else {
      String[] key = page.after().split("\\|", 2);
      rows =
          environments.versionsBefore(
              target.scope(), target.name(), instant(key[0]), uuid(key), limit);
    }
    return Page.fromOverfetched(rows, page, e -> e.createdAt() + "|" + e.id())
        .map(EnvironmentResponse::of);
  }

  @Transactional(readOnly = true)
  public EnvironmentResponse show(String workspace, String name, String version) {
    return EnvironmentResponse.of(find(workspaces.requireId(workspace), name, version, workspace));
  }

  /** Resolves a reference as specs write it: {@code azureml:x:1}, {@code x@latest}, {@code x}. */
  @Transactional(readOnly = true)
  public EnvironmentResponse resolve(String workspace, String reference) {
    UUID workspaceId = workspaces.requireId(workspace);
    String text = reference == null ? "" : reference.strip();
    if (CuratedEnvironments.isRegistryReference(text)) {
      String curated =
          CuratedEnvironments.registryAliasOf(text)
              .orElseThrow(() -> EnvironmentProblems.notFound(text, workspace));
      return EnvironmentResponse.of(
          environments
              .latest(Scope.CURATED, curated)
              .orElseThrow(() -> EnvironmentProblems.noLatest(curated)));
    }
    AssetReference parsed = AssetReference.parse(text);
    return EnvironmentResponse.of(find(workspaceId, parsed.name(), parsed.version(), workspace));
  }

  private Environment find(UUID workspaceId, String name, String version, String workspace) {
    Target target = target(workspaceId, name, workspace);
    if (target.alias() || Versions.isLatest(version)) {
      return environments
          .latest(target.scope(), target.name())
          .orElseThrow(() -> EnvironmentProblems.noLatest(target.name()));
    }
    return environments
        .version(target.scope(), target.name(), version)
        .orElseThrow(() -> EnvironmentProblems.versionNotFound(target.name(), version));
  }

  private Target target(UUID workspaceId, String name, String workspace) {
    if (environments.existsByWorkspaceIdAndNameIgnoreCase(workspaceId, name)) {
      return new Target(Scope.workspace(workspaceId), name, false);
    }
    if (environments.existsByCuratedTrueAndNameIgnoreCase(name)) {
      return new Target(Scope.CURATED, name, false);
    }
    return CuratedEnvironments.aliasOf(name)
        .map(curated -> new Target(Scope.CURATED, curated, true))
        .orElseThrow(() -> EnvironmentProblems.notFound(name, workspace));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalidCursor();
    }
  }

  private static UUID uuid(String[] key) {
    try {
      return UUID.fromString(key.length == 2 ? key[1] : "");
    } catch (IllegalArgumentException e) {
      throw invalidCursor();
    }
  }

  private static InvalidRequestException invalidCursor() {
    return new InvalidRequestException(
        "invalid_cursor", "The cursor is not one this list returned; start again without it.");
  }
}
