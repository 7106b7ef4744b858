package dev.kiln.common.paging;

import dev.kiln.common.error.InvalidRequestException;

/**
 * A validated {@code ?limit=&cursor=} pair. {@link #after()} is the decoded sort key to continue
 * after, or {@code null} for the first page.
 */
public record PageRequest(int limit, String after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public static PageRequest of(Integer limit, String cursor) {
    int effective = limit == null ? DEFAULT_LIMIT : limit;
    if (effective < 1 || effective > MAX_LIMIT) {
      throw new InvalidRequestException(
          "invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + effective);
    }
    return new PageRequest(
        effective, cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor));
  }

  /** How many rows to fetch: one more than the limit, to learn whether a next page exists. */
  public int fetchSize() {
    return limit + 1;
  }
}
