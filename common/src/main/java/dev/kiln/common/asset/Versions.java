package dev.kiln.common.asset;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Asset versions. A version is chosen by the user (any of 1 to 64 letters, digits, dots, hyphens
 * and underscores) or given by Kiln: one more than the highest whole-number version so far,
 * starting at 1. {@value #LATEST} is not a version but a pointer to the newest one.
 */
public final class Versions {

  public static final String LATEST = "latest";
  private static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  private static final Pattern WHOLE = Pattern.compile("^[0-9]{1,9}$");

  private Versions() {}

  /** The next automatic version after {@code existing}. */
  public static String next(Collection<String> existing) {
    long highest =
        existing.stream()
            .filter(v -> WHOLE.matcher(v).matches())
            .mapToLong(Long::parseLong)
            .max()
            .orElse(0);
    return Long.toString(highest + 1);
  }

  /** Checks a version chosen by a user; {@value #LATEST} is reserved. */
  public static String requireValid(String version) {
    if (version == null
        || !VERSION.matcher(version).matches()
        || version.equalsIgnoreCase(LATEST)) {
      throw new InvalidRequestException(
          "invalid_version",
          "A version is 1 to 64 letters, digits, dots, hyphens or underscores (not 'latest'); was "
              + version);
    }
    return version;
  }

  public static boolean isLatest(String version) {
    return LATEST.equalsIgnoreCase(version);
  }
}
