package dev.kiln.bench.jobs;

import dev.kiln.bench.ResultTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The job benchmark's table: one row per measurement with its value, the target and whether it is
 * met. Printed as aligned text and written as Markdown with the machine's facts and the notes.
 */
final class JobsReport {

  static final String[] HEADER = {"Metric", "Value", "Target", "Result"};

  /** Whether a row's target is met; NONE for rows shown without a target. */
  enum Verdict {
    PASS,
    FAIL,
    NONE
  }

  /** One formatted row. */
  record Row(String metric, String value, String target, Verdict verdict) {

    String[] cells() {
      return new String[] {metric, value, target, verdict == Verdict.NONE ? "" : verdict.name()};
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** A row judged against {@code target}; a missing value ({@code "-"}) should come with FAIL. */
  void row(String metric, String value, String target, boolean met) {
    rows.add(new Row(metric, value, target, met ? Verdict.PASS : Verdict.FAIL));
  }

  /** A row shown for information, without a target. */
  void info(String metric, String value) {
    rows.add(new Row(metric, value, "", Verdict.NONE));
  }

  /** A line under the table: what was actually done, and any failure. */
  void note(String note) {
    notes.add(note);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** True when no row failed. */
  boolean passed() {
    return rows.stream().noneMatch(row -> row.verdict() == Verdict.FAIL);
  }

  /** The table as aligned plain text, for the terminal. */
  String table() {
    return resultTable().plain();
  }

  /** The whole report as Markdown: title, machine facts, the table and the notes. */
  String markdown(String title, Map<String, String> facts) {
    return resultTable().markdown(title, facts);
  }

  private ResultTable resultTable() {
    return new ResultTable(
        HEADER,
        new boolean[] {false, true, false, false},
        rows.stream().map(Row::cells).toList(),
        notes,
        passed());
  }
}
