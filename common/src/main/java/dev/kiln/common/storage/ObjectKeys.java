package dev.kiln.common.storage;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every object key obeys, in every store, so that a key that is safe on S3 is also safe
 * as a path under the filesystem store's root, and the other way round.
 *
 * <p>A key is a relative path of segments separated by {@code /}. It is refused when it is blank;
 * longer than {@value #MAX_KEY_BYTES} bytes in UTF-8; absolute (leading {@code /}); holds a
 * backslash, a NUL or any other control character, or a lone surrogate; has an empty segment
 * ({@code a//b}, a trailing {@code /}) or a {@code .} or {@code ..} segment; or hides a dot, slash,
 * backslash, percent sign or control character behind percent-encoding ({@code %2e}, {@code %2F},
 * {@code %5c}, {@code %00}, and {@code %25}, which is how double-encoding starts), in any letter
 * case. Other uses of {@code %} ({@code 100% done.txt}, {@code a%20b}) are plain characters.
 */
public final class ObjectKeys {

  /** The longest key, in UTF-8 bytes (the S3 limit). */
  public static final int MAX_KEY_BYTES = 1024;

  private static final Pattern ENCODED_TRICK =
      Pattern.compile("%(2e|2f|5c|25|[01][0-9a-f]|7f)", Pattern.CASE_INSENSITIVE);
  private static final int SHOWN_CHARACTERS = 80;

  private ObjectKeys() {}

  /**
   * Returns {@code key} when it obeys the rules.
   *
   * @throws InvalidObjectKeyException saying which rule it breaks
   */
  public static String requireValidKey(String key) {
    if (key == null) {
      throw new InvalidObjectKeyException("Object key must not be null");
    }
    check(key, "Object key");
    return key;
  }

  /**
   * Returns {@code prefix} when it is empty (everything) or obeys the rules of a key, except that
   * it may end with one {@code /}.
   *
   * @throws InvalidObjectKeyException saying which rule it breaks
   */
  public static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw new InvalidObjectKeyException("Object key prefix must not be null");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    String withoutSlash = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (withoutSlash.isEmpty()) {
      throw invalid("Object key prefix", prefix, "must not start with '/'");
    }
    check(withoutSlash, "Object key prefix");
    return prefix;
  }

  /** Whether {@code key} obeys the rules. */
  public static boolean isValidKey(String key) {
    try {
      requireValidKey(key);
      return true;
    } catch (InvalidObjectKeyException e) {
      return false;
    }
  }

  private static void check(String key, String what) {
    if (key.isBlank()) {
      throw invalid(what, key, "must not be blank");
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw invalid(what, key, "is " + bytes + " bytes long; the limit is " + MAX_KEY_BYTES);
    }
    if (key.startsWith("/")) {
      throw invalid(what, key, "must be relative (must not start with '/')");
    }
    checkCharacters(key, what);
    Matcher trick = ENCODED_TRICK.matcher(key);
    if (trick.find()) {
      throw invalid(
          what,
          key,
          "must not percent-encode a dot, slash, backslash, percent sign or control character"
              + " (found '"
              + trick.group()
              + "')");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw invalid(what, key, "must not contain empty segments ('a//b') or end with '/'");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid(what, key, "must not contain '.' or '..' segments");
      }
    }
  }

  private static void checkCharacters(String key, String what) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\') {
        throw invalid(what, key, "must not contain a backslash");
      }
      if (Character.isISOControl(c)) {
        throw invalid(
            what,
            key,
            String.format("must not contain control characters (found U+%04X)", (int) c));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < key.length()
          && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid(what, key, "must be valid Unicode (found a lone surrogate)");
      }
    }
  }

  private static InvalidObjectKeyException invalid(String what, String key, String rule) {
    return new InvalidObjectKeyException(what + " '" + shown(key) + "' " + rule);
  }

  /** The key as it is safe to echo into a message or a log line. */
  private static String shown(String key) {
    StringBuilder shown = new StringBuilder();
    key.codePoints()
        .limit(SHOWN_CHARACTERS)
        .forEach(cp -> shown.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return key.codePointCount(0, key.length()) > SHOWN_CHARACTERS ? shown + "…" : shown.toString();
  }
}
