package dev.kiln.workspace.data;

import dev.kiln.common.asset.Versions;
import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.id.Ids;
import dev.kiln.common.id.Names;
import dev.kiln.workspace.datastore.BlobStore;
import dev.kiln.workspace.datastore.Datastores;
import dev.kiln.workspace.workspace.WorkspaceLookup;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Registers, finds and archives data asset versions. */
@Service
class DataService {

  private static final Set<String> TYPES = Set.of("uri_file", "uri_folder", "mltable");

  record Registered(DataResponse data, boolean isNew) {}

  private final DataAssetRepository assets;
  private final WorkspaceLookup workspaces;
  private final Datastores datastores;
  private final BlobStore blobs;
  private final JsonMapper json;

  DataService(
      DataAssetRepository assets,
      WorkspaceLookup workspaces,
      Datastores datastores,
      BlobStore blobs,
      JsonMapper json) {
    this.assets = assets;
    this.workspaces = workspaces;
    this.datastores = datastores;
    this.blobs = blobs;
    this.json = json;
  }

  /**
   * Registers version {@code version} of {@code name}, or the next automatic version when it is
   * null. A version that exists already is returned as it is when the spec says the same, and is a
   * conflict otherwise: versions never change.
   */
  @Transactional
  public Registered register(String workspace, String name, String version, DataSpec spec) {
    if (!Names.isValidAssetName(name)) {
      throw new InvalidRequestException(
          "invalid_request", "Invalid data asset name '" + name + "'.");
    }
    if (spec.name() != null && !spec.name().equals(name)) {
      throw new InvalidRequestException(
          "name_mismatch",
          "The spec names '" + spec.name() + "' but the URL names '" + name + "'.");
    }
    String type = spec.type() == null ? "uri_folder" : spec.type();
    if (!TYPES.contains(type)) {
      throw new InvalidRequestException(
          "invalid_data_type", "type must be uri_file, uri_folder or mltable; was " + type);
    }
    UUID workspaceId = workspaces.requireId(workspace);
    DataPath path = DataPath.parse(spec.path());
    String hash = contentHash(workspaceId, path, type);
    List<DataAsset> versions = assets.findVersions(workspaceId, name);
    String chosen =
        version == null
            ? Versions.next(versions.stream().map(DataAsset::version).toList())
            : Versions.requireValid(version);
    for (DataAsset existing : versions) {
      if (existing.version().equals(chosen)) {
        if (existing.type().equals(type)
            && existing.path().equals(spec.path())
            && Objects.equals(existing.contentHash(), hash)) {
          return new Registered(response(existing), false);
        }
        throw new ConflictException(
            "version_exists",
            "Version " + chosen + " of data '" + name + "' exists and cannot change.");
      }
    }
    DataAsset asset =
        new DataAsset(
            Ids.newId(),
            workspaceId,
            name,
            chosen,
            type,
            spec.path(),
            spec.description(),
            spec.tags() == null ? null : json.writeValueAsString(spec.tags()),
            hash,
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    assets.saveAndFlush(asset);
    return new Registered(response(asset), true);
  }

  @Transactional(readOnly = true)
  public List<DataResponse> latestOfEachName(String workspace) {
    return assets.findLatestOfEachName(workspaces.requireId(workspace)).stream()
        .map(this::response)
        .toList();
  }

  @Transactional(readOnly = true)
  public List<DataResponse> versions(String workspace, String name) {
    return assets.findVersions(workspaces.requireId(workspace), name).stream()
        .map(this::response)
        .toList();
  }

  @Transactional(readOnly = true)
  public DataResponse get(String workspace, String name, String version) {
    return response(find(workspace, name, version));
  }

  @Transactional
  public DataResponse setArchived(String workspace, String name, String version, boolean archived) {
    DataAsset asset = find(workspace, name, version);
    if (archived) {
      asset.archive();
    } else {
      asset.restore();
    }
    return response(asset);
  }

  private DataAsset find(String workspace, String name, String version) {
    List<DataAsset> versions = assets.findVersions(workspaces.requireId(workspace), name);
    return versions.stream()
        .filter(a -> Versions.isLatest(version) ? !a.archived() : a.version().equals(version))
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "data_not_found", "Data '" + name + "' version " + version + " not found."));
  }

  private String contentHash(UUID workspaceId, DataPath path, String type) {
    if (!path.onDatastore()) {
      return null;
    }
    if (!datastores.exists(workspaceId, path.datastore())) {
      throw new InvalidRequestException(
          "datastore_not_found", "Datastore '" + path.datastore() + "' does not exist.");
    }
    if (!Datastores.isBlobStore(path.datastore())) {
      return null;
    }
    boolean folder = !type.equals("uri_file");
    return blobs
        .contentHash(workspaceId, path.path(), folder)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "data_missing", "Nothing has been uploaded to '" + path.path() + "'."));
  }

  private DataResponse response(DataAsset asset) {
    Map<String, String> tags =
        asset.tags() == null ? Map.of() : json.readValue(asset.tags(), new TypeReference<>() {});
    return new DataResponse(
        asset.id(),
        asset.name(),
        asset.version(),
        asset.type(),
        asset.path(),
        asset.description(),
        tags,
        asset.contentHash(),
        asset.archived(),
        asset.createdAt());
  }
}
