package dev.kiln.run.search;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Locale;

/** Which runs a search sees by lifecycle, as MLflow's {@code run_view_type}. */
public enum ViewType {
  ACTIVE_ONLY,
  DELETED_ONLY,
  ALL;

  /**
   * Parses Kiln's names ({@code active}, {@code deleted}, {@code all}) or MLflow's ({@code
   * ACTIVE_ONLY}, {@code DELETED_ONLY}, {@code ALL}); {@code null} means active runs only.
   */
  public static ViewType parse(String text) {
    if (text == null) {
      return ACTIVE_ONLY;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "active", "active_only" -> ACTIVE_ONLY;
      case "deleted", "deleted_only" -> DELETED_ONLY;
      case "all" -> ALL;
      default ->
          throw new InvalidRequestException(
              "invalid_view", "Unknown view '" + text + "'; one of active, deleted, all.");
    };
  }
}
