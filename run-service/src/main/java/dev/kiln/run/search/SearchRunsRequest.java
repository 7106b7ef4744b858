package dev.kiln.run.search;

import java.util.List;

/**
 * A run search: an MLflow filter, MLflow order keys, experiment names (none: all), a view ({@code
 * active}, {@code deleted} or {@code all}), a page size and the cursor of the page before.
 */
record SearchRunsRequest(
    String filter,
    List<String> orderBy,
    List<String> experiments,
    String view,
    Integer limit,
    String cursor) {}
