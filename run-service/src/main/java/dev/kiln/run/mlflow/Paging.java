package dev.kiln.run.mlflow;

import dev.kiln.common.paging.Cursor;
import java.util.List;

/**
 * MLflow's {@code max_results} and {@code page_token} for lists Kiln reads whole and pages by
 * offset (experiments, logged models): an opaque token holding the offset of the next page.
 */
final class Paging {

  /** MLflow's largest page. */
  static final int MAX_RESULTS = 50_000;

  private Paging() {}

  /** {@code requested}, or {@code fallback} when absent; 1 to {@link #MAX_RESULTS}. */
  static int maxResults(Long requested, int fallback) {
    if (requested == null) {
      return fallback;
    }
    if (requested < 1 || requested > MAX_RESULTS) {
      throw MlflowError.invalid(
          "max_results must be between 1 and " + MAX_RESULTS + ", was " + requested + ".");
    }
    return requested.intValue();
  }

  static int offset(String pageToken) {
    if (pageToken == null || pageToken.isEmpty()) {
      return 0;
    }
    String decoded = Cursor.decode(pageToken);
    try {
      int offset = Integer.parseInt(decoded.substring(decoded.indexOf(':') + 1));
      if (!decoded.startsWith("offset:") || offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw MlflowError.invalid("The page_token is not one this list returned.");
    }
  }

  /** The page of {@code all} at {@code offset}. */
  static <T> List<T> page(List<T> all, int offset, int size) {
    int from = Math.min(offset, all.size());
    return all.subList(from, Math.min(all.size(), from + size));
  }

  /** The token of the page after the one at {@code offset}, or null when that was the last. */
  static String next(int total, int offset, int size) {
    long next = (long) offset + size;
    return next < total ? Cursor.encode("offset:" + next) : null;
  }
}
