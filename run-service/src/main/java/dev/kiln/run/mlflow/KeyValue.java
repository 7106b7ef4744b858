package dev.kiln.run.mlflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow's tags and params on the wire: a list of {@code {"key", "value"}}. */
record KeyValue(String key, String value) {

  static List<KeyValue> listOf(Map<String, String> map) {
    List<KeyValue> list = new ArrayList<>(map.size());
    map.forEach((k, v) -> list.add(new KeyValue(k, v)));
    return list;
  }

  /** The pairs as a map; a later pair wins over an earlier one with its key. */
  static Map<String, String> mapOf(List<KeyValue> list) {
    Map<String, String> map = new LinkedHashMap<>();
    if (list != null) {
      for (KeyValue pair : list) {
        if (pair == null) {
          throw MlflowError.invalid("A tag or param in the list is null.");
        }
        map.put(pair.key(), pair.value());
      }
    }
    return map;
  }
}
