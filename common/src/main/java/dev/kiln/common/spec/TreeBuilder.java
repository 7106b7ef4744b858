package dev.kiln.common.spec;

import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one composed YAML document into a Jackson tree. Only the YAML 1.2 core schema's tags are
 * accepted, so nothing but maps, lists, strings, numbers, booleans and null can come out of it.
 * Keys must be unique. An alias is written out in full where it is used, so the nodes so produced
 * are counted against {@link SafeYaml#MAX_ALIAS_NODES}, and an alias inside what it refers to is
 * refused. One builder serves one document.
 */
final class TreeBuilder {

  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);
  private static final Map<Tag, ConstructNode> SCALARS =
      new CoreSchema().getSchemaTagConstructors();

  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private int repeating;
  private int repeated;

  JsonNode build(Node document) {
    return convert(document, 0);
  }

  private JsonNode convert(Node node, int depth) {
    if (depth > SafeYaml.MAX_DEPTH) {
      throw YamlErrors.at(
          node.getStartMark(),
          "aliases nest lists and maps more than " + SafeYaml.MAX_DEPTH + " levels deep.");
    }
    checkTag(node);
    // The composer shares one node between an anchor and its aliases (and merged keys).
    boolean repeat = !seen.add(node);
    if (!open.add(node)) {
      throw YamlErrors.at(node.getStartMark(), "an alias refers to a list or map that holds it.");
    }
    if (repeat) {
      repeating++;
    }
    try {
      if (repeating > 0 && ++repeated > SafeYaml.MAX_ALIAS_NODES) {
        throw YamlErrors.at(
            node.getStartMark(),
            "aliases expand to more than " + SafeYaml.MAX_ALIAS_NODES + " values.");
      }
      if (node instanceof MappingNode map) {
        return object(map, depth);
      }
      if (node instanceof SequenceNode list) {
        return array(list, depth);
      }
      return scalar((ScalarNode) node);
    } finally {
      open.remove(node);
      if (repeat) {
        repeating--;
      }
    }
  }

  private ObjectNode object(MappingNode map, int depth) {
    ObjectNode object = nodes.objectNode();
    Map<String, Node> keys = new HashMap<>();
    for (NodeTuple entry : map.getValue()) {
      if (!(entry.getKeyNode() instanceof ScalarNode key)) {
        throw YamlErrors.at(
            entry.getKeyNode().getStartMark(), "a key must be a plain value, not a list or map.");
      }
      checkTag(key);
      Node first = keys.putIfAbsent(key.getValue(), key);
      if (first != null) {
        throw YamlErrors.at(
            key.getStartMark(),
            "duplicate key \""
                + key.getValue()
                + "\"; it is already set at "
                + YamlErrors.line(first.getStartMark())
                + ".");
      }
      object.set(key.getValue(), convert(entry.getValueNode(), depth + 1));
    }
    return object;
  }

  private ArrayNode array(SequenceNode list, int depth) {
    ArrayNode array = nodes.arrayNode(list.getValue().size());
    for (Node item : list.getValue()) {
      array.add(convert(item, depth + 1));
    }
    return array;
  }

  private JsonNode scalar(ScalarNode scalar) {
    if (Tag.STR.equals(scalar.getTag())) {
      return nodes.stringNode(scalar.getValue());
    }
    Object value;
    try {
      value = SCALARS.get(scalar.getTag()).construct(scalar);
    } catch (RuntimeException e) {
      throw YamlErrors.at(
          scalar.getStartMark(),
          "\""
              + scalar.getValue()
              + "\" is not a valid "
              + YamlErrors.shorthand(scalar.getTag())
              + " value.");
    }
    if (value == null) {
      return nodes.nullNode();
    }
    if (value instanceof Boolean bool) {
      return nodes.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return nodes.numberNode(number.intValue());
    }
    if (value instanceof Long number) {
      return nodes.numberNode(number.longValue());
    }
    if (value instanceof BigInteger number) {
      return nodes.numberNode(number);
    }
    return nodes.numberNode(((Number) value).doubleValue());
  }

  private static void checkTag(Node node) {
    Tag tag = node.getTag();
    boolean known = SCALAR_TAGS.contains(tag) || Tag.MAP.equals(tag) || Tag.SEQ.equals(tag);
    if (!known) {
      throw YamlErrors.at(
          node.getStartMark(),
          "the tag "
              + YamlErrors.shorthand(tag)
              + " is not allowed; Kiln reads plain maps, lists, strings, numbers, booleans"
              + " and null only.");
    }
    boolean fits =
        node instanceof MappingNode
            ? Tag.MAP.equals(tag)
            : node instanceof SequenceNode ? Tag.SEQ.equals(tag) : SCALAR_TAGS.contains(tag);
    if (!fits) {
      throw YamlErrors.at(
          node.getStartMark(),
          "the tag " + YamlErrors.shorthand(tag) + " does not fit this value.");
    }
  }
}
