package dev.kiln.common.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list: its items and the cursor of the next page, {@code null} on the last. */
public record Page<T>(List<T> items, String next) {

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), next);
  }

  /**
   * Builds a page from rows fetched with {@code limit + 1}: the extra row, if present, proves there
   * is a next page whose cursor is the sort key of the last row kept.
   */
  public static <T> Page<T> fromOverfetched(
      List<T> rows, PageRequest request, Function<? super T, String> sortKey) {
    if (rows.size() <= request.limit()) {
      return new Page<>(List.copyOf(rows), null);
    }
    List<T> kept = List.copyOf(rows.subList(0, request.limit()));
    return new Page<>(kept, Cursor.encode(sortKey.apply(kept.get(kept.size() - 1))));
  }
}
