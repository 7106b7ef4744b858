package dev.kiln.cli.data;

import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.http.Pages;
import dev.kiln.cli.workspace.Workspaces;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The files of a workspace's workspaceblobstore: {@code
 * /api/v1/workspaces/{ws}/datastores/workspaceblobstore/files[/{path}]}. A file path keeps its
 * {@code /} separators; each segment is encoded.
 */
final class BlobFiles {

  private BlobFiles() {}

  /** The files of {@code workspace}'s workspaceblobstore. */
  static String collection(String workspace) {
    return Workspaces.path(workspace) + "/datastores/" + DataAssets.BLOB_STORE + "/files";
  }

  /** File {@code path}, e.g. {@code LocalUpload/0a1b/train.csv}. */
  static String file(String workspace, String path) {
    return collection(workspace)
        + "/"
        + Arrays.stream(path.split("/", -1))
            .map(ApiClient::segment)
            .collect(Collectors.joining("/"));
  }

  /**
   * The files under {@code folder} ({@code {"path", "sha256", "size", "updatedAt"}}), all pages.
   *
   * @param folder a folder path ending with {@code /}
   */
  static List<JsonNode> list(ApiClient api, String workspace, String folder) {
    return Pages.collect(api, collection(workspace), Map.of("prefix", folder), null);
  }
}
