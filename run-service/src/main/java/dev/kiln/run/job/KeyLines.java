package dev.kiln.run.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds the line of a key in a spec's text, for error messages. The Jackson tree a spec is bound
 * from has no positions, so the text (YAML, or JSON, which YAML 1.2 reads too) is composed again
 * here, only when a message needs a line; the text has already passed {@code SafeYaml} or the JSON
 * parser and its limits. A text that cannot be composed simply yields no line.
 */
final class KeyLines {

  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setCodePointLimit(4 * 1024 * 1024)
          .setMaxAliasesForCollections(50)
          .build();

  private KeyLines() {}

  /** The 1-based line of the key at {@code path} (keys, or list indexes as numbers). */
  static Optional<Integer> of(String text, List<String> path) {
    if (path.isEmpty()) {
      return Optional.empty();
    }
    Node node = root(text);
    Node key = null;
    for (String step : path) {
      key = null;
      if (node instanceof MappingNode map) {
        NodeTuple entry = entry(map, step);
        if (entry == null) {
          return Optional.empty();
        }
        key = entry.getKeyNode();
        node = entry.getValueNode();
      } else if (node instanceof SequenceNode list && step.matches("\\d{1,6}")) {
        int index = Integer.parseInt(step);
        if (index >= list.getValue().size()) {
          return Optional.empty();
        }
        node = list.getValue().get(index);
        key = node;
      } else {
        return Optional.empty();
      }
    }
    return line(key);
  }

  /**
   * The 1-based line of the first {@code key} in the mapping at {@code prefix}, or in the mappings
   * under its keys named in {@code nested} (the spec's fixed sub-sections), breadth first.
   */
  static Optional<Integer> ofKey(String text, List<String> prefix, String key, Set<String> nested) {
    Node node = root(text);
    for (String step : prefix) {
      NodeTuple entry = node instanceof MappingNode map ? entry(map, step) : null;
      if (entry == null) {
        return Optional.empty();
      }
      node = entry.getValueNode();
    }
    Deque<Node> maps = new ArrayDeque<>();
    maps.add(node);
    while (!maps.isEmpty()) {
      if (maps.poll() instanceof MappingNode map) {
        NodeTuple found = entry(map, key);
        if (found != null) {
          return line(found.getKeyNode());
        }
        for (NodeTuple entry : map.getValue()) {
          if (entry.getKeyNode() instanceof ScalarNode name && nested.contains(name.getValue())) {
            maps.add(entry.getValueNode());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Node root(String text) {
    try {
      return new Compose(SETTINGS).composeString(text).orElse(null);
    } catch (RuntimeException e) {
      // No line then: the message still names the key.
      return null;
    }
  }

  private static NodeTuple entry(MappingNode map, String key) {
    for (NodeTuple entry : map.getValue()) {
      if (entry.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
        return entry;
      }
    }
    return null;
  }

  private static Optional<Integer> line(Node node) {
    return node == null ? Optional.empty() : node.getStartMark().map(mark -> mark.getLine() + 1);
  }
}
