package dev.kiln.workspace.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON text columns of an environment row: tags, requirements, environment variables. */
final class JsonText {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonText() {}

  static String write(Object value) {
    return JSON.writeValueAsString(value);
  }

  static Map<String, String> map(String text) {
    return JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
  }

  static List<String> list(String text) {
    return JSON.readValue(text, new TypeReference<List<String>>() {});
  }
}
