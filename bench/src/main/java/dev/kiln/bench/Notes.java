package dev.kiln.bench;

import java.util.Locale;
import java.util.Map;

/** The lines under the table: what each server was actually given, so no number stands alone. */
final class Notes {

  private Notes() {}

  static void describe(Report report, BenchOptions options, Map<Target, Measured> measured) {
    report.note(
        String.format(
            Locale.ROOT,
            "Ingestion: each of %d clients logs to its own run, cycling through %d keys, "
                + "%,d consecutive steps of one key per batch; %d untimed warm-up batches per "
                + "client first. Rates are points acknowledged / wall time.",
            options.clients(),
            options.keys(),
            options.batchSize(),
            options.warmupBatches()));
    measured.forEach(
        (target, m) -> {
          if (m.ingested != null) {
            report.note(
                String.format(
                    Locale.ROOT,
                    "%s ingested %,d points in %.1f s%s.",
                    target.name(),
                    m.ingested.points(),
                    m.ingested.elapsed().toNanos() / 1e9,
                    m.ingested.stoppedAtLimit()
                        ? " (stopped at the time limit of "
                            + options.phaseLimit().toSeconds()
                            + " s)"
                        : ""));
          }
        });
    report.note(
        String.format(
            Locale.ROOT,
            "Reads: %d timed after %d untimed, one at a time; each answer is checked after its clock"
                + " stops. History pages hold %,d points%s.",
            options.reads(),
            TrackingBench.WARMUP_READS,
            options.historyPageSize(),
            pages(measured)));
    report.note(
        "Downsampled read: Kiln `GET .../metrics/{key}?points=N` (chunk summaries; the smallest and"
            + " largest values kept); MLflow `GET /api/2.0/mlflow/metrics/get-history-bulk-interval`"
            + " (rows sampled evenly in SQL with window functions, first and last kept, at most"
            + " 2,500)."
            + extremes(measured));
    measured.forEach(
        (target, m) -> {
          if (m.seeded != null) {
            report.note(
                String.format(
                    Locale.ROOT,
                    "%s search: over %,d runs%s (%,d match), each with metric rmse and param"
                        + " alpha, created in %.1f s.",
                    target.name(),
                    m.seeded.runs(),
                    m.seeded.runs() < m.seeded.asked()
                        ? String.format(
                            Locale.ROOT,
                            " of %,d asked: seeding stopped at the time limit",
                            m.seeded.asked())
                        : "",
                    m.seeded.matching(),
                    m.seeded.elapsed().toNanos() / 1e9));
          }
        });
  }

  private static String pages(Map<Target, Measured> measured) {
    StringBuilder text = new StringBuilder();
    measured.forEach(
        (target, m) -> {
          if (m.history != null) {
            text.append(text.isEmpty() ? " (" : ", ")
                .append(target.name())
                .append(' ')
                .append(m.historyPages)
                .append(m.historyPages == 1 ? " page" : " pages");
          }
        });
    return text.isEmpty() ? "" : text.append(')').toString();
  }

  private static String extremes(Map<Target, Measured> measured) {
    StringBuilder text = new StringBuilder();
    measured.forEach(
        (target, m) -> {
          if (m.downsample != null) {
            text.append(' ')
                .append(target.name())
                .append(" returned ")
                .append(m.downsampled)
                .append(" points, ")
                .append(m.keptExtremes ? "with" : "without")
                .append(" the series' smallest and largest values.");
          }
        });
    return text.toString();
  }
}
