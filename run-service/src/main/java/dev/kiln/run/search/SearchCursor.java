package dev.kiln.run.search;

import dev.kiln.common.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the next page of a search starts: after the run whose sort values are {@code anchor}
 * (keyset paging), skipping {@code skip} more. The skip is only used when a sort value is too long
 * for a cursor (a long param); the page then continues from the last anchor that fitted. {@code
 * query} is a fingerprint of the search, so that a cursor is not taken by another search.
 */
record SearchCursor(String query, List<String> anchor, long skip) {

  /** The longest sort key kept in a cursor; {@code Cursor} refuses much longer ones. */
  static final int MAX_KEY_BYTES = 1_200;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static SearchCursor first(String query) {
    return new SearchCursor(query, null, 0);
  }

  /**
   * The cursor after {@code values}, the sort values of the last run of a page that started here
   * and returned {@code count} runs.
   */
  SearchCursor next(List<String> values, int count) {
    SearchCursor keyset = new SearchCursor(query, values, 0);
    if (keyset.encode().getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
      return keyset;
    }
    return new SearchCursor(query, anchor, skip + count);
  }

  String encode() {
    var node = JSON.createObjectNode();
    node.put("q", query);
    if (anchor != null) {
      var values = node.putArray("k");
      anchor.forEach(values::add);
    }
    node.put("s", skip);
    return JSON.writeValueAsString(node);
  }

  /**
   * Reads a sort key made by {@link #encode} for the same search.
   *
   * @throws InvalidRequestException ({@code invalid_cursor}) for anything else
   */
  static SearchCursor decode(String sortKey, String query, List<SortColumn> columns) {
    JsonNode node;
    try {
      node = JSON.readTree(sortKey);
    } catch (JacksonException e) {
      throw invalid("The cursor is not one this search returned; start again without it.");
    }
    if (node == null || !node.isObject() || !query.equals(node.path("q").asString(""))) {
      throw invalid("The cursor belongs to another search; start again without it.");
    }
    JsonNode skip = node.path("s");
    JsonNode values = node.get("k");
    if (!skip.canConvertToLong() || skip.asLong() < 0) {
      throw invalid("The cursor is not one this search returned; start again without it.");
    }
    if (values == null) {
      return new SearchCursor(query, null, skip.asLong());
    }
    if (!values.isArray() || values.size() != columns.size()) {
      throw invalid("The cursor is not one this search returned; start again without it.");
    }
    List<String> anchor = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      JsonNode value = values.get(i);
      try {
        if (!value.isString()) {
          throw new IllegalArgumentException("Not a string: " + value);
        }
        columns.get(i).type().bind(value.asString());
      } catch (IllegalArgumentException e) {
        throw invalid("The cursor is not one this search returned; start again without it.");
      }
      anchor.add(value.asString());
    }
    return new SearchCursor(query, anchor, skip.asLong());
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException("invalid_cursor", message);
  }
}
