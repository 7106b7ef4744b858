package dev.kiln.cli.data;

import dev.kiln.cli.asset.AssetKind;
import dev.kiln.cli.asset.AssetPaths;
import dev.kiln.cli.output.Column;
import java.util.List;

/** The data asset resource as the commands see it: its names for messages and table columns. */
public final class DataAssets {

  /** What messages call one. */
  static final String KIND = "data asset";

  /** The platform datastore of every workspace, the one local data is uploaded to. */
  public static final String BLOB_STORE = "workspaceblobstore";

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("VERSION", "version"),
          Column.field("TYPE", "type"),
          Column.field("PATH", "path", 80),
          Column.field("CREATED", "createdAt"));

  /** Data assets as the list, show, archive and restore commands handle them. */
  static final AssetKind ASSET = new AssetKind(AssetPaths.DATA, KIND, COLUMNS);

  private DataAssets() {}

  /** The {@code azureml://} path of {@code path} in the workspaceblobstore. */
  public static String blobStorePath(String path) {
    return "azureml://datastores/" + BLOB_STORE + "/paths/" + path;
  }
}
