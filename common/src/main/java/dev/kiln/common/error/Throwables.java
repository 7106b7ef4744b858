package dev.kiln.common.error;

import java.util.Optional;

/** Looks through an exception's chain of causes. */
public final class Throwables {

  private Throwables() {}

  /** The first throwable in {@code error}'s cause chain (itself included) of {@code type}. */
  public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
