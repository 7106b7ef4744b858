package dev.kiln.common.paging;

import dev.kiln.common.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Encodes a sort key into an opaque, URL-safe cursor and back. */
public final class Cursor {

  private static final String VERSION = "1:";
  private static final int MAX_LENGTH = 2048;

  private Cursor() {}

  public static String encode(String sortKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + sortKey).getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor made by {@link #encode}; anything else is a 400 {@code invalid_cursor}. */
  public static String decode(String cursor) {
    if (cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!decoded.startsWith(VERSION)) {
      throw invalid();
    }
    return decoded.substring(VERSION.length());
  }

  private static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "invalid_cursor", "The cursor is not one this list returned; start again without it.");
  }
}
