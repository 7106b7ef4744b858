package dev.kiln.compute.target;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds where a key is written in a spec, for messages. The document has been read by {@code
 * SafeYaml} (or as JSON) already, so it is within the limits; this only composes it again, keeping
 * the positions that the Jackson tree lacks, and constructs nothing.
 */
final class KeyLines {

  private static final LoadSettings SETTINGS = LoadSettings.builder().build();

  private KeyLines() {}

  /**
   * The 1-based line of the first mapping key {@code key} in {@code text}, breadth first; none for
   * a document on one line, such as JSON a program wrote, where "line 1" would tell nothing.
   */
  static Optional<Integer> lineOf(String text, String key) {
    if (text.strip().indexOf('\n') < 0) {
      return Optional.empty();
    }
    try {
      Deque<Node> pending = new ArrayDeque<>();
      new Compose(SETTINGS).composeString(text).ifPresent(pending::add);
      while (!pending.isEmpty()) {
        Node node = pending.removeFirst();
        if (node instanceof MappingNode mapping) {
          for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode name
                && name.getValue().equals(key)
                && name.getStartMark().isPresent()) {
              return Optional.of(name.getStartMark().get().getLine() + 1);
            }
            pending.add(entry.getValueNode());
          }
        } else if (node instanceof SequenceNode list) {
          pending.addAll(list.getValue());
        }
      }
    } catch (YamlEngineException e) {
      // Positions are a courtesy of the message; without them it still names the key.
    }
    return Optional.empty();
  }
}
