package dev.kiln.workspace.datastore;

import dev.kiln.common.error.InvalidRequestException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks a datastore spec and normalises it. A local path must be absolute, free of traversal
 * tricks, and inside an allowed root, also after symbolic links are followed.
 */
@Component
class DatastoreSpecValidator {

  private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
  private static final Pattern ENCODED_TRICK =
      Pattern.compile("%(2e|2f|5c|00|25)", Pattern.CASE_INSENSITIVE);

  private final DatastoreProperties properties;

  DatastoreSpecValidator(DatastoreProperties properties) {
    this.properties = properties;
  }

  ValidatedSpec validate(DatastoreSpec spec) {
    DatastoreType type = DatastoreType.parseUserType(spec.type());
    return switch (type) {
      case LOCAL -> local(spec);
      case S3 -> s3(spec);
      case PLATFORM -> throw new IllegalStateException("platform datastores are made by Kiln");
    };
  }

  private ValidatedSpec local(DatastoreSpec spec) {
    if (spec.credentials() != null) {
      throw invalid("A local datastore takes no credentials.");
    }
    Path path = confinedPath(spec.path());
    return new ValidatedSpec(
        DatastoreType.LOCAL,
        spec.description(),
        path.toString(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private ValidatedSpec s3(DatastoreSpec spec) {
    URI endpoint = endpoint(spec.endpoint());
    if (spec.bucket() == null || !BUCKET.matcher(spec.bucket()).matches()) {
      throw invalid("bucket must be 3 to 63 lower-case letters, digits, dots or hyphens.");
    }
    if (spec.credentials() == null
        || isBlank(spec.credentials().accessKeyId())
        || isBlank(spec.credentials().secretAccessKey())) {
      throw invalid(
          "An s3 datastore needs credentials.access_key_id and credentials.secret_access_key.");
    }
    String prefix = spec.prefix();
    if (prefix != null
        && (prefix.contains("..") || prefix.startsWith("/") || prefix.contains("\\"))) {
      throw invalid("prefix must be a relative path inside the bucket.");
    }
    return new ValidatedSpec(
        DatastoreType.S3,
        spec.description(),
        null,
        endpoint.toString(),
        spec.bucket(),
        isBlank(spec.region()) ? "us-east-1" : spec.region(),
        prefix,
        spec.credentials().accessKeyId(),
        spec.credentials().secretAccessKey());
  }

  private Path confinedPath(String raw) {
    if (isBlank(raw)) {
      throw invalid("A local datastore needs a path.");
    }
    if (raw.indexOf('\0') >= 0
        || raw.contains("\\")
        || ENCODED_TRICK.matcher(raw).find()
        || Pattern.compile("(^|/)\\.\\.?(/|$)").matcher(raw).find()) {
      throw invalid(
          "path must be a plain absolute path, without '..', '.', '\\\\' or encoded characters.");
    }
    Path path;
    try {
      path = Path.of(raw);
    } catch (InvalidPathException e) {
      throw invalid("path is not a valid path.");
    }
    if (!path.isAbsolute()) {
      throw invalid("path must be absolute.");
    }
    Path normal = path.normalize();
    Path real = realPathIfExists(normal);
    for (Path root : properties.localRoots()) {
      if (normal.startsWith(root) && real.startsWith(realPathIfExists(root))) {
        return normal;
      }
    }
    throw invalid(
        "path must lie under an allowed root ("
            + (properties.localRoots().isEmpty()
                ? "none is configured: set kiln.datastores.local-roots"
                : String.join(", ", properties.localRoots().stream().map(Path::toString).toList()))
            + ").");
  }

  private static Path realPathIfExists(Path path) {
    try {
      return Files.exists(path) ? path.toRealPath() : path;
    } catch (IOException e) {
      return path;
    }
  }

  private static URI endpoint(String raw) {
    if (isBlank(raw)) {
      throw invalid("An s3 datastore needs an endpoint (https://host:port).");
    }
    try {
      URI uri = new URI(raw.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getUserInfo() != null) {
        throw invalid("endpoint must be an http or https URL without user information.");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid("endpoint is not a valid URL.");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException("invalid_datastore", message);
  }
}
