package dev.kiln.cli.data;

import dev.kiln.cli.asset.AssetSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells the local paths of a data spec's {@code path}, which {@code kiln data create} uploads, from
 * the references the server resolves itself ({@code azureml://datastores/<ds>/paths/<path>}, {@code
 * https://…}, any other {@code scheme://} or {@code azureml:} reference). A relative local path
 * starts at the spec file's folder. {@code file://} URLs are refused: write the path itself.
 */
final class LocalPath {

  private static final Pattern URL =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

  private LocalPath() {}

  /**
   * The local file or folder {@code path} names, resolved against the folder of {@code spec}'s
   * file; empty when it is a reference for the server.
   *
   * @throws IllegalArgumentException for a {@code file:} URL or a path the system cannot represent
   */
  static Optional<Path> of(String path, AssetSpec spec) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file:")) {
      throw new IllegalArgumentException(
          "'path' in "
              + spec.source()
              + " is a file: URL, which is not accepted: write the local path itself, e.g."
              + " path: ./data (relative to the spec file's folder) or path: /srv/data");
    }
    if (lower.startsWith("azureml:") || URL.matcher(path).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(spec.resolve(path));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "'path' in " + spec.source() + " is not a valid local path: " + e.getReason());
    }
  }
}
