package dev.kiln.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints server resources in the chosen {@link OutputFormat}: lists as a table (or a JSON/YAML
 * array), single resources as key/value lines (or the JSON/YAML document). A printer made with
 * {@link #hiding} leaves chosen fields out of everything it prints.
 */
public final class Printer {

  private final OutputFormat format;
  private final PrintWriter out;
  private final Predicate<String> hidden;

  /** A printer that shows every field. */
  public Printer(OutputFormat format, PrintWriter out) {
    this(format, out, null);
  }

  private Printer(OutputFormat format, PrintWriter out, Predicate<String> hidden) {
    this.format = format;
    this.out = out;
    this.hidden = hidden;
  }

  /**
   * The same printer, also leaving out every field whose name {@code names} accepts, at any depth
   * and in every format: for values that must never be shown, such as secrets a server should not
   * have sent. The resources passed in are not changed.
   */
  public Printer hiding(Predicate<String> names) {
    return new Printer(format, out, hidden == null ? names : hidden.or(names));
  }

  /** The format this printer writes. */
  public OutputFormat format() {
    return format;
  }

  /** Prints a list of resources; {@code columns} choose what the table shows. */
  public void list(List<JsonNode> items, List<Column> columns) {
    List<JsonNode> shown = items.stream().map(this::visible).toList();
    if (format == OutputFormat.TABLE) {
      Table table = Table.of(columns);
      for (JsonNode item : shown) {
        table.row(columns.stream().map(column -> column.cell().apply(item)).toList());
      }
      print(table.render());
    } else {
      ArrayNode array = Mappers.JSON.createArrayNode();
      shown.forEach(array::add);
      document(array);
    }
  }

  /** Prints one resource: key/value lines in table format, top-level fields in server order. */
  public void object(JsonNode resource) {
    JsonNode shown = visible(resource);
    if (format == OutputFormat.TABLE) {
      Table table = Table.keyValues();
      for (Map.Entry<String, JsonNode> field : shown.properties()) {
        table.row(field.getKey() + ":", text(field.getValue()));
      }
      print(table.render());
    } else {
      document(shown);
    }
  }

  /** Prints a line of text, whatever the format (for messages such as "Deleted ..."). */
  public void message(String line) {
    out.println(line);
    out.flush();
  }

  /** {@code node} without the hidden fields: a copy when some may have to go. */
  private JsonNode visible(JsonNode node) {
    if (hidden == null || node == null || !node.isContainer()) {
      return node;
    }
    JsonNode copy = node.deepCopy();
    removeHidden(copy);
    return copy;
  }

  private void removeHidden(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(object.propertyNames().stream().filter(hidden).toList());
    }
    node.values().forEach(this::removeHidden);
  }

  private void document(JsonNode node) {
    if (format == OutputFormat.JSON) {
      print(Mappers.PRETTY_JSON.writeValueAsString(node) + "\n");
    } else {
      print(Mappers.YAML.writeValueAsString(node));
    }
  }

  private void print(String text) {
    out.print(text);
    out.flush();
  }

  /** A JSON value as cell text: strings bare, null or missing empty, containers as JSON. */
  static String text(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (value.isContainer()) {
      return Mappers.JSON.writeValueAsString(value);
    }
    return value.asString();
  }
}
