package dev.kiln.cli.job;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells the local files and folders a job spec names ({@code code: ./src}, an input's {@code path:
 * ./data/wine.csv}), which the CLI uploads, from the references the server resolves itself: {@code
 * azureml:…} (assets, snapshots, {@code azureml://datastores/…}), any {@code scheme://} URL, and
 * {@code ${{…}}} expressions. A relative local path starts at the spec file's folder; a {@code
 * file:} URL is refused, as {@code kiln data create} refuses it.
 */
final class LocalReference {

  private static final Pattern URL =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

  private LocalReference() {}

  /**
   * The existing local file or folder that {@code written} names, or empty when it is a reference
   * for the server (see {@link #isLocal}).
   *
   * @param key where the spec holds it, for messages, e.g. {@code inputs.table.path}
   * @throws CliException (exit 2) for a {@code file:} URL, a path the system cannot represent, or
   *     one that does not exist
   */
  static Optional<Path> of(String written, String key, JobSpec spec) {
    if (!isLocal(written)) {
      return Optional.empty();
    }
    String text = written.strip();
    String where = "'" + key + "' in " + spec.source();
    if (text.toLowerCase(Locale.ROOT).startsWith("file:")) {
      throw usage(
          where
              + " is a file: URL, which is not accepted: write the local path itself, e.g. ./data");
    }
    Path path;
    try {
      path = spec.resolve(text);
    } catch (InvalidPathException e) {
      throw usage(where + " is not a valid local path: " + e.getReason());
    }
    if (!Files.exists(path)) {
      throw usage(
          where
              + " names '"
              + text
              + "', which does not exist"
              + (text.equals(path.toString()) ? "" : " (" + path + ")")
              + "; relative paths start at the spec file's folder");
    }
    return Optional.of(path);
  }

  /** Whether {@code written} names something on this machine rather than for the server. */
  static boolean isLocal(String written) {
    String text = written.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    // A file: URL names this machine too, and is refused as such.
    return lower.startsWith("file:")
        || !(lower.startsWith("azureml:") || text.contains("${{") || URL.matcher(text).matches());
  }

  private static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }
}
