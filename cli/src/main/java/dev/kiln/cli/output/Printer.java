package dev.kiln.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Prints server resources in the chosen {@link OutputFormat}: lists as a table (or a JSON/YAML
 * array), single resources as key/value lines (or the JSON/YAML document).
 */
public final class Printer {

  private final OutputFormat format;
  private final PrintWriter out;

  public Printer(OutputFormat format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  /** The format this printer writes. */
  public OutputFormat format() {
    return format;
  }

  /** Prints a list of resources; {@code columns} choose what the table shows. */
  public void list(List<JsonNode> items, List<Column> columns) {
    if (format == OutputFormat.TABLE) {
      Table table = Table.of(columns);
      for (JsonNode item : items) {
        table.row(columns.stream().map(column -> column.cell().apply(item)).toList());
      }
      print(table.render());
    } else {
      ArrayNode array = Mappers.JSON.createArrayNode();
      items.forEach(array::add);
      document(array);
    }
  }

  /** Prints one resource: key/value lines in table format, top-level fields in server order. */
  public void object(JsonNode resource) {
    if (format == OutputFormat.TABLE) {
      Table table = Table.keyValues();
      for (Map.Entry<String, JsonNode> field : resource.properties()) {
        table.row(field.getKey() + ":", text(field.getValue()));
      }
      print(table.render());
    } else {
      document(resource);
    }
  }

  /** Prints a line of text, whatever the format (for messages such as "Deleted ..."). */
  public void message(String line) {
    out.println(line);
    out.flush();
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
