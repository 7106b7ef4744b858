package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's result table, rendered for the terminal and as a Markdown results file. Numeric
 * columns align right, words left, as in any table of results.
 *
 * @param header the column titles
 * @param numeric which columns hold numbers
 * @param rows the cells of each row
 * @param notes what the reader needs to know about the numbers
 * @param passed whether every target was met
 */
public record ResultTable(
    String[] header, boolean[] numeric, List<String[]> rows, List<String> notes, boolean passed) {

  /** The table as aligned plain text, with the notes below it. */
  public String plain() {
    List<String[]> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    int[] widths = new int[header.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      String[] line = lines.get(l);
      for (int i = 0; i < line.length; i++) {
        String format = (numeric[i] ? "%" : "%-") + widths[i] + "s";
        text.append(String.format(format, line[i]));
        text.append(i == line.length - 1 ? "\n" : "  ");
      }
      if (l == 0) {
        int total = (widths.length - 1) * 2;
        for (int width : widths) {
          total += width;
        }
        text.append("-".repeat(total)).append('\n');
      }
    }
    notes.forEach(note -> text.append("* ").append(note).append('\n'));
    return text.toString();
  }

  /** The whole report as Markdown: title, machine facts, the table, the notes, the verdict. */
  public String markdown(String title, Map<String, String> facts) {
    StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
    md.append("| Fact | Value |\n|---|---|\n");
    facts.forEach(
        (k, v) -> md.append("| ").append(cell(k)).append(" | ").append(cell(v)).append(" |\n"));
    md.append("\n| ").append(String.join(" | ", header)).append(" |\n|");
    for (boolean number : numeric) {
      md.append(number ? "---:|" : "---|");
    }
    md.append('\n');
    for (String[] row : rows) {
      md.append('|');
      for (String cell : row) {
        md.append(' ').append(cell(cell)).append(" |");
      }
      md.append('\n');
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    md.append("\nOverall: ").append(passed ? "PASS" : "FAIL").append('\n');
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
