package dev.kiln.cli.asset;

import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.workspace.Workspaces;
import tools.jackson.databind.JsonNode;

/**
 * The API paths of one kind of versioned asset, {@code /api/v1/workspaces/{ws}/<collection>}, and
 * how a spec is registered there. Names and versions are encoded as one path segment each.
 *
 * @param collection the collection's path segment, e.g. {@code data} or {@code environments}
 */
public record AssetPaths(String collection) {

  /** Data assets. */
  public static final AssetPaths DATA = new AssetPaths("data");

  /** Environments. */
  public static final AssetPaths ENVIRONMENTS = new AssetPaths("environments");

  /** The version that {@code show} and {@code download} use when none is given. */
  public static final String LATEST = "latest";

  /** The collection of {@code workspace}: the latest version of each asset. */
  public String list(String workspace) {
    return Workspaces.path(workspace) + "/" + collection;
  }

  /** Every version of asset {@code name}. */
  public String versions(String workspace, String name) {
    return list(workspace) + "/" + ApiClient.segment(name) + "/versions";
  }

  /** One version of asset {@code name}; {@code latest} is allowed. */
  public String version(String workspace, String name, String version) {
    return versions(workspace, name) + "/" + ApiClient.segment(version);
  }

  /** The action that archives one version. */
  public String archive(String workspace, String name, String version) {
    return version(workspace, name, version) + "/archive";
  }

  /** The action that restores one archived version. */
  public String restore(String workspace, String name, String version) {
    return version(workspace, name, version) + "/restore";
  }

  /**
   * Registers {@code spec}: {@code POST .../versions} (the next automatic version) when it names no
   * version, else {@code PUT .../versions/{version}} (201 new, 200 the same content already there,
   * 409 other content under that version).
   *
   * @return the server's answer, the registered version
   */
  public JsonNode register(ApiClient api, String workspace, AssetSpec spec) {
    if (spec.version() == null) {
      return api.post(versions(workspace, spec.name()), spec.body());
    }
    return api.put(version(workspace, spec.name(), spec.version()), spec.body());
  }
}
