package dev.kiln.run;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** String maps kept as JSON text columns (experiment tags, run properties). */
public final class JsonMaps {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonMaps() {}

  public static String write(Map<String, String> map) {
    return JSON.writeValueAsString(map == null ? Map.of() : map);
  }

  public static Map<String, String> read(String text) {
    if (text == null || text.isBlank()) {
      return new LinkedHashMap<>();
    }
    return JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
  }
}
