package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result table: one row per measurement with Kiln's value, MLflow's, how many times better Kiln
 * is, the target and whether Kiln meets it. Printed as aligned text and written as Markdown.
 */
final class Report {

  static final String[] HEADER = {"Metric", "Kiln", "MLflow", "Kiln vs MLflow", "Target", "Result"};

  /** Whether a row's target is met; NONE for rows without a target or without Kiln's value. */
  enum Verdict {
    PASS,
    FAIL,
    NONE
  }

  /** One formatted row. */
  record Row(
      String metric, String kiln, String mlflow, String ratio, String target, Verdict verdict) {

    String[] cells() {
      return new String[] {
        metric, kiln, mlflow, ratio, target, verdict == Verdict.NONE ? "" : verdict.name()
      };
    }
  }

  private final boolean kilnMeasured;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** {@code kilnMeasured}: a missing Kiln value is a failure, not an omission. */
  Report(boolean kilnMeasured) {
    this.kilnMeasured = kilnMeasured;
  }

  /** Points per second; higher is better; PASS when Kiln reaches {@code atLeast}. */
  void throughput(String metric, Double kiln, Double mlflow, double atLeast) {
    rows.add(
        new Row(
            metric,
            rate(kiln),
            rate(mlflow),
            times(kiln, mlflow),
            ">= " + String.format(Locale.ROOT, "%,.0f", atLeast) + "/s",
            verdict(kiln, kiln != null && kiln >= atLeast)));
  }

  /** How many times Kiln's throughput is MLflow's; PASS when at least {@code atLeast}. */
  void speedup(String metric, Double kiln, Double mlflow, double atLeast) {
    Double ratio = kiln == null || mlflow == null || mlflow == 0 ? null : kiln / mlflow;
    Verdict verdict =
        ratio == null
            ? (kilnMeasured && mlflow != null ? Verdict.FAIL : Verdict.NONE)
            : (ratio >= atLeast ? Verdict.PASS : Verdict.FAIL);
    rows.add(
        new Row(
            metric,
            "",
            "",
            ratio == null ? "-" : String.format(Locale.ROOT, "%.1fx", ratio),
            ">= " + String.format(Locale.ROOT, "%.0fx", atLeast),
            verdict));
  }

  /** Milliseconds; lower is better; PASS when Kiln is under {@code below} (null: no target). */
  void latency(String metric, Double kiln, Double mlflow, Double below) {
    Verdict verdict = below == null ? Verdict.NONE : verdict(kiln, kiln != null && kiln < below);
    rows.add(
        new Row(
            metric,
            millis(kiln),
            millis(mlflow),
            times(mlflow, kiln),
            below == null ? "" : "< " + String.format(Locale.ROOT, "%.0f", below) + " ms",
            verdict));
  }

  /** A line under the table: what each server actually did, and any failure. */
  void note(String note) {
    notes.add(note);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  List<String> notes() {
    return List.copyOf(notes);
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
        new boolean[] {false, true, true, true, false, false},
        rows.stream().map(Row::cells).toList(),
        notes,
        passed());
  }

  private Verdict verdict(Double kiln, boolean met) {
    if (kiln == null) {
      return kilnMeasured ? Verdict.FAIL : Verdict.NONE;
    }
    return met ? Verdict.PASS : Verdict.FAIL;
  }

  private static String rate(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%,.0f/s", value);
  }

  private static String millis(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%,.1f ms", value);
  }

  /** {@code better / worse} as "12.3x"; "-" when either is missing. */
  private static String times(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1fx", numerator / denominator);
  }
}
