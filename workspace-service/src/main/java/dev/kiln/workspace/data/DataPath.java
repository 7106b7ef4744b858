package dev.kiln.workspace.data;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.storage.InvalidObjectKeyException;
import dev.kiln.common.storage.ObjectKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a data asset points: {@code azureml://datastores/<datastore>/paths/<path>} (the path
 * confined by the object-key rules) or an {@code https://} URL.
 */
record DataPath(String datastore, String path, URI url) {

  private static final Pattern DATASTORE_PATH =
      Pattern.compile("^azureml://datastores/([^/]+)/paths/(.*)$");

  static DataPath parse(String text) {
    Matcher matcher = DATASTORE_PATH.matcher(text);
    if (matcher.matches()) {
      String path = matcher.group(2);
      try {
        ObjectKeys.requireValidPrefix(path);
      } catch (InvalidObjectKeyException e) {
        throw invalid("The path inside the datastore is not allowed: " + e.getMessage());
      }
      if (path.isEmpty()) {
        throw invalid("The path inside the datastore is empty.");
      }
      return new DataPath(matcher.group(1), path, null);
    }
    if (text.startsWith("https://")) {
      try {
        URI url = new URI(text);
        if (url.getHost() == null || url.getUserInfo() != null) {
          throw invalid("An https path needs a host and no user information.");
        }
        return new DataPath(null, null, url);
      } catch (URISyntaxException e) {
        throw invalid("The https path is not a valid URL.");
      }
    }
    throw invalid(
        "path must be azureml://datastores/<datastore>/paths/<path> or an https:// URL (upload"
            + " local files with 'kiln data create', which stores them first); was "
            + text);
  }

  boolean onDatastore() {
    return datastore != null;
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException("invalid_data_path", message);
  }
}
