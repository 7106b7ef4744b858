package dev.kiln.workspace.environment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One environment version. Immutable once written, except for being archived. A curated version
 * belongs to no workspace.
 */
@Entity
@Table(name = "environment")
class Environment {

  @Id private UUID id;

  @Column(name = "workspace_id")
  private UUID workspaceId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String version;

  @Column(nullable = false)
  private boolean curated;

  private String description;

  @Column(nullable = false)
  private String tags;

  @Column(nullable = false)
  private String image;

  @Column(name = "python_version")
  private String pythonVersion;

  @Column(name = "conda_file")
  private String condaFile;

  @Column(name = "pip_requirements", nullable = false)
  private String pipRequirements;

  @Column(name = "environment_variables", nullable = false)
  private String environmentVariables;

  @Column(name = "content_hash", nullable = false)
  private String contentHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "archived_at")
  private Instant archivedAt;

  protected Environment() {}

  /** A version of {@code scope}: curated when the scope is, else of the scope's workspace. */
  Environment(
      UUID id,
      Scope scope,
      String name,
      String version,
      EnvironmentDefinition definition,
      Instant now) {
    this.id = id;
    this.workspaceId = scope.workspaceId();
    this.curated = scope.curated();
    this.name = name;
    this.version = version;
    this.description = definition.description();
    this.tags = JsonText.write(definition.tags());
    this.image = definition.content().image();
    this.pythonVersion = definition.content().pythonVersion();
    this.condaFile = definition.condaFile();
    this.pipRequirements = JsonText.write(definition.content().pipRequirements());
    this.environmentVariables = JsonText.write(definition.content().environmentVariables());
    this.contentHash = definition.contentHash();
    this.createdAt = now;
  }

  /** Hides this version from {@code latest} and name lists; archiving twice changes nothing. */
  void archive(Instant now) {
    if (archivedAt == null) {
      archivedAt = now;
    }
  }

  UUID id() {
    return id;
  }

  String name() {
    return name;
  }

  String version() {
    return version;
  }

  boolean curated() {
    return curated;
  }

  String description() {
    return description;
  }

  Map<String, String> tags() {
    return JsonText.map(tags);
  }

  String image() {
    return image;
  }

  String pythonVersion() {
    return pythonVersion;
  }

  String condaFile() {
    return condaFile;
  }

  List<String> pipRequirements() {
    return JsonText.list(pipRequirements);
  }

  Map<String, String> environmentVariables() {
    return JsonText.map(environmentVariables);
  }

  String contentHash() {
    return contentHash;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant archivedAt() {
    return archivedAt;
  }
}
