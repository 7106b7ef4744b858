package dev.kiln.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned plain-text table: every column as wide as its widest cell, three spaces between
 * columns, no trailing spaces. Cells are single-line (line breaks become spaces); {@code null}
 * prints as an empty cell.
 */
public final class Table {

  private static final String COLUMN_GAP = "   ";
  private static final String ELLIPSIS = "...";

  private final List<String> headers;
  private final int[] maxWidths;
  private final String gap;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers, int[] maxWidths, String gap) {
    this.headers = headers;
    this.maxWidths = maxWidths;
    this.gap = gap;
  }

  /** A table with a header line. */
  public static Table withHeaders(String... headers) {
    return new Table(List.of(headers), new int[headers.length], COLUMN_GAP);
  }

  /** A table for these columns, headers and width limits included. */
  public static Table of(List<Column> columns) {
    return new Table(
        columns.stream().map(Column::header).toList(),
        columns.stream().mapToInt(Column::maxWidth).toArray(),
        COLUMN_GAP);
  }

  /** Two columns without headers and one space between, for {@code key: value} lines. */
  public static Table keyValues() {
    return new Table(null, new int[2], " ");
  }

  /** Adds a row; it must have one cell per column. */
  public Table row(String... cells) {
    return row(Arrays.asList(cells));
  }

  /** Adds a row; it must have one cell per column. */
  public Table row(List<String> cells) {
    if (cells.size() != maxWidths.length) {
      throw new IllegalArgumentException(
          "expected " + maxWidths.length + " cells, got " + cells.size());
    }
    List<String> clean = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      clean.add(clean(cells.get(i), maxWidths[i]));
    }
    rows.add(clean);
    return this;
  }

  /** The table as text, one line per row, each ending with a line break. */
  public String render() {
    List<List<String>> lines = new ArrayList<>();
    if (headers != null) {
      lines.add(headers);
    }
    lines.addAll(rows);
    int[] widths = new int[maxWidths.length];
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        if (i > 0) {
          text.append(gap);
        }
        text.append(line.get(i));
        text.append(" ".repeat(widths[i] - line.get(i).length()));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String clean(String cell, int maxWidth) {
    String text = cell == null ? "" : cell.replaceAll("[\\r\\n\\t]+", " ").strip();
    if (maxWidth > ELLIPSIS.length() && text.length() > maxWidth) {
      return text.substring(0, maxWidth - ELLIPSIS.length()) + ELLIPSIS;
    }
    return text;
  }
}
