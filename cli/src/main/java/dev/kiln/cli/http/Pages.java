package dev.kiln.cli.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a paged collection of the API, {@code {"items": [...], "next": "<cursor>"}}, following the
 * {@code next} cursor until the last page or until enough items were read.
 */
public final class Pages {

  static final int PAGE_SIZE = 100;

  private Pages() {}

  /**
   * The items of the collection at {@code path}.
   *
   * @param limit the most items to read, or {@code null} for all of them
   */
  public static List<JsonNode> collect(ApiClient api, String path, Integer limit) {
    return collect(api, path, Map.of(), limit);
  }

  /**
   * The items of the collection at {@code path} that {@code filter} selects, such as {@code
   * prefix=<folder/>}; the filter is sent with every page.
   *
   * @param limit the most items to read, or {@code null} for all of them
   */
  public static List<JsonNode> collect(
      ApiClient api, String path, Map<String, String> filter, Integer limit) {
    return collect(api, path, filter, limit, PAGE_SIZE);
  }

  /**
   * The items of the collection at {@code path} that {@code filter} selects, read {@code pageSize}
   * at a time: for long collections, such as a metric's history, whose server allows larger pages.
   *
   * @param limit the most items to read, or {@code null} for all of them
   */
  public static List<JsonNode> collect(
      ApiClient api, String path, Map<String, String> filter, Integer limit, int pageSize) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      int wanted = limit == null ? pageSize : Math.min(pageSize, limit - items.size());
      Map<String, String> query = new LinkedHashMap<>(filter);
      query.put("limit", Integer.toString(wanted));
      query.put("cursor", cursor);
      JsonNode page = api.get(path, query);
      for (JsonNode item : page.path("items")) {
        if (limit == null || items.size() < limit) {
          items.add(item);
        }
      }
      String next = page.path("next").isString() ? page.path("next").asString() : null;
      // A server that hands back the same cursor would otherwise keep us here forever.
      cursor = next == null || next.isEmpty() || next.equals(cursor) ? null : next;
    } while (cursor != null && (limit == null || items.size() < limit));
    return items;
  }
}
