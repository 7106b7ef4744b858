package dev.kiln.cli.output;

import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One column of a table of resources: its header and how to read the cell from a resource.
 *
 * @param header the upper-case column title, e.g. {@code NAME}
 * @param cell reads the cell text from one resource; may return {@code null}
 * @param maxWidth longer cells are cut with {@code ...}; 0 for no limit
 */
public record Column(String header, Function<JsonNode, String> cell, int maxWidth) {

  /** A column showing a top-level field of the resource as text. */
  public static Column field(String header, String field) {
    return field(header, field, 0);
  }

  /** A column showing a top-level field, cut to {@code maxWidth} characters. */
  public static Column field(String header, String field, int maxWidth) {
    return new Column(header, node -> Printer.text(node.path(field)), maxWidth);
  }
}
