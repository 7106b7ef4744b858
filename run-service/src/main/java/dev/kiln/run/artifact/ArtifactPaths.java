package dev.kiln.run.artifact;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.storage.InvalidObjectKeyException;
import dev.kiln.common.storage.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a file path inside a run's artifacts (or a code snapshot): a relative path of {@code
 * /}-separated segments that names one file and cannot climb out of its root however it is decoded
 * or normalised later. A path that breaks a rule is refused, never repaired: repairing ({@code
 * a//b} to {@code a/b}) would let two spellings name one file and hide a client's bug.
 *
 * <p>Refused: an empty path; more than {@value #MAX_BYTES} bytes of UTF-8; an absolute path ({@code
 * /x}, a drive letter {@code C:}); a backslash ({@code \\server}, {@code a\b}); control characters,
 * NUL included; {@code ;} (path parameters), {@code #} (fragments) and {@code ?} (queries); any of
 * these, a dot, a slash or a backslash hidden behind percent-encoding at any depth ({@code %2e%2e},
 * {@code %252e%252e}); empty, {@code .} and {@code ..} segments ({@code a//b}, {@code
 * //proc/self/root}, a trailing {@code /}); and anything else {@link ObjectKeys} refuses (a lone
 * surrogate, {@code %25}).
 */
public final class ArtifactPaths {

  /** The longest path, in bytes of UTF-8. */
  public static final int MAX_BYTES = 1024;

  private static final String CODE = "invalid_artifact_path";
  private static final Pattern ENCODED =
      Pattern.compile("%(25)*(2e|2f|5c|3b|23|3f|[01][0-9a-f]|7f)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
  private static final int SHOWN_CHARACTERS = 80;

  private ArtifactPaths() {}

  /**
   * Returns {@code path} when it obeys the rules.
   *
   * @throws InvalidRequestException 400 {@code invalid_artifact_path}, saying which rule it breaks
   */
  public static String requireSafe(String path) {
    return requireSafe(path, CODE, "artifact path");
  }

  /**
   * Returns {@code path} when it obeys the rules, for paths that are not artifacts (a snapshot's
   * files).
   *
   * @param code the problem code of a refusal, such as {@code invalid_snapshot_path}
   * @param what what the path is, for the message: {@code "snapshot file path"}
   * @throws InvalidRequestException 400 with {@code code}, saying which rule the path breaks
   */
  public static String requireSafe(String path, String code, String what) {
    String broken = brokenRule(path);
    if (broken != null) {
      throw new InvalidRequestException(
          code, "The " + what + " '" + shown(path) + "' " + broken + ".");
    }
    return path;
  }

  /** Whether {@code path} obeys the rules. */
  public static boolean isSafe(String path) {
    return brokenRule(path) == null;
  }

  /** The rule {@code path} breaks, or null. */
  private static String brokenRule(String path) {
    if (path == null || path.isEmpty()) {
      return "is empty";
    }
    int bytes = path.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return "is " + bytes + " bytes long; the limit is " + MAX_BYTES;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (Character.isISOControl(c)) {
        return String.format("holds a control character (U+%04X)", (int) c);
      }
      switch (c) {
        case '\\':
          return "holds a backslash; separate folders with '/'";
        case ';':
          return "holds ';' (path parameters are not allowed)";
        case '#':
          return "holds '#' (fragments are not allowed)";
        case '?':
          return "holds '?' (queries are not allowed)";
        default:
          break;
      }
    }
    if (path.startsWith("/") || DRIVE.matcher(path).find()) {
      return "is absolute; give a path relative to the root";
    }
    Matcher encoded = ENCODED.matcher(path);
    if (encoded.find()) {
      return "hides a '.', '/', '\\' or control character behind percent-encoding (found '"
          + encoded.group()
          + "')";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return "has an empty segment ('//' or a trailing '/')";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "has a '.' or '..' segment";
      }
    }
    try {
      ObjectKeys.requireValidKey(path);
    } catch (InvalidObjectKeyException e) {
      return "is not a valid file path (" + e.getMessage() + ")";
    }
    return null;
  }

  /** The path as it is safe to echo into a message: control characters shown as '?', cut short. */
  static String shown(String path) {
    if (path == null) {
      return "";
    }
    StringBuilder shown = new StringBuilder();
    path.codePoints()
        .limit(SHOWN_CHARACTERS)
        .forEach(cp -> shown.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return path.codePointCount(0, path.length()) > SHOWN_CHARACTERS
        ? shown + "…"
        : shown.toString();
  }
}
