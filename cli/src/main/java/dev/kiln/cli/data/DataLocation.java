package dev.kiln.cli.data;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a registered data asset lies, as {@code kiln data download} reads its {@code path}: a path
 * in a datastore ({@code azureml://datastores/<datastore>/paths/<path>}) or an {@code https://}
 * URL.
 *
 * @param datastore the datastore's name, or {@code null} for a URL
 * @param path the path inside the datastore, or {@code null} for a URL
 * @param url the URL, or {@code null} for a datastore path
 */
record DataLocation(String datastore, String path, URI url) {

  private static final Pattern DATASTORE_PATH =
      Pattern.compile("^azureml://datastores/([^/]+)/paths/(.+)$", Pattern.DOTALL);

  /**
   * Reads a data asset's path.
   *
   * @throws CliException (exit 1) for any other kind of path
   */
  static DataLocation parse(String text) {
    Matcher matcher = DATASTORE_PATH.matcher(text);
    if (matcher.matches()) {
      return new DataLocation(matcher.group(1), matcher.group(2), null);
    }
    if (text.startsWith("https://")) {
      try {
        URI url = new URI(text);
        if (url.getHost() != null) {
          return new DataLocation(null, null, url);
        }
      } catch (URISyntaxException e) {
        // reported below
      }
    }
    throw new CliException(
        ExitCode.UNEXPECTED,
        "cannot download from '"
            + text
            + "': only azureml://datastores/<datastore>/paths/<path> and https:// paths can be"
            + " downloaded");
  }

  /** Whether it lies in the workspace's own workspaceblobstore. */
  boolean onBlobStore() {
    return DataAssets.BLOB_STORE.equalsIgnoreCase(datastore);
  }

  /** Whether it is an {@code https://} URL. */
  boolean isUrl() {
    return url != null;
  }
}
