package dev.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tracking benchmark: ingestion, a whole-history read, a downsampled read and a metric search,
 * against Kiln and MLflow in turn (never both at once), with the same client and the same
 * workloads. Prints a table with PASS/FAIL against ADR 0012's targets and writes it as Markdown.
 * Exit status: 0 when every target is met, 1 when one is not, 2 when the run could not be made.
 */
public final class TrackingBench {

  static final double INGEST_TARGET = 100_000;
  static final double SPEEDUP_TARGET = 10;
  static final double HISTORY_TARGET_MS = 200;
  static final double DOWNSAMPLE_TARGET_MS = 100;
  static final double SEARCH_TARGET_MS = 300;
  static final int WARMUP_READS = 3;

  private final BenchOptions options;
  private final Workloads workloads;
  private final String stamp = Long.toString(System.currentTimeMillis(), 36);

  private final Map<Target, Measured> measured = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  TrackingBench(BenchOptions options) {
    this.options = options;
    this.workloads = new Workloads(options);
  }

  public static void main(String[] args) {
    BenchCommand.main(args, BenchOptions.USAGE, a -> new TrackingBench(BenchOptions.parse(a))::run);
  }

  int run() throws IOException {
    List<Target> targets = new ArrayList<>();
    if (options.measuresKiln()) {
      String token = Files.readString(Path.of(options.kilnTokenFile())).trim();
      targets.add(new KilnTarget(options.kilnUrl(), token));
    }
    if (options.measuresMlflow()) {
      targets.add(new MlflowTarget(options.mlflowUrl()));
    }
    for (Target target : targets) {
      target.prepare();
      measured.put(target, new Measured());
    }
    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    // One workload at a time over every server, so that neither runs while the other is loaded.
    for (Target target : targets) {
      phase(target, "ingestion", () -> ingest(target));
    }
    for (Target target : targets) {
      phase(target, "history read", () -> history(target));
    }
    for (Target target : targets) {
      phase(target, "downsampled read", () -> downsample(target));
    }
    for (Target target : targets) {
      phase(target, "search", () -> search(target));
    }
    Report report = report();
    System.out.println();
    System.out.print(report.table());
    Path file = resultsFile(started);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Map<String, String> facts = MachineFacts.collect(started, options.facts());
    facts.put("Workload", fullSize() ? "full (ADR 0012)" : "reduced (sizes in the notes)");
    Files.writeString(file, report.markdown("Tracking benchmark: Kiln and MLflow", facts));
    System.out.println("\nWritten to " + file);
    return report.passed() ? 0 : 1;
  }

  @FunctionalInterface
  private interface Phase {
    void run() throws Exception;
  }

  /** Runs one workload on one server; a failure is reported and the benchmark goes on. */
  private void phase(Target target, String what, Phase phase) {
    System.out.printf("%n== %s: %s%n", target.name(), what);
    long start = System.nanoTime();
    try {
      phase.run();
      System.out.printf(Locale.ROOT, "   done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    } catch (Exception e) {
      String message = target.name() + " " + what + " failed: " + e.getMessage();
      System.out.println("   " + message);
      failures.add(message);
    }
  }

  private void ingest(Target target) {
    long points = target instanceof KilnTarget ? options.kilnPoints() : options.mlflowPoints();
    Workloads.Ingested result = workloads.ingest(target, points);
    measured.get(target).ingested = result;
    System.out.printf(
        Locale.ROOT,
        "   %,d points in %.1f s: %,.0f points/s%s%n",
        result.points(),
        result.elapsed().toNanos() / 1e9,
        result.pointsPerSecond(),
        result.stoppedAtLimit() ? " (stopped at the time limit)" : "");
  }

  private void history(Target target) throws Exception {
    int points = options.historyPoints();
    String run = workloads.loadSeries(target, "history-" + stamp, points);
    Measured m = measured.get(target);
    m.history =
        Workloads.time(
            WARMUP_READS,
            options.reads(),
            () -> target.readHistory(run, "loss", options.historyPageSize()),
            pages -> m.historyPages = Checks.history(target, pages, points));
    printReads(m.history);
  }

  private void downsample(Target target) throws Exception {
    int points = options.seriesPoints();
    String run = workloads.loadSeries(target, "series-" + stamp, points);
    Measured m = measured.get(target);
    m.downsample =
        Workloads.time(
            WARMUP_READS,
            options.reads(),
            () -> target.downsample(run, "loss", options.downsamplePoints()),
            body -> {
              Checks.Drawn drawn =
                  Checks.downsample(target, body, points, options.downsamplePoints());
              m.downsampled = drawn.points();
              m.keptExtremes = drawn.keptExtremes();
            });
    printReads(m.downsample);
  }

  private void search(Target target) throws Exception {
    int runs = target instanceof KilnTarget ? options.kilnSearchRuns() : options.mlflowSearchRuns();
    Workloads.Seeded seeded = workloads.seedSearchRuns(target, runs);
    Measured m = measured.get(target);
    m.seeded = seeded;
    System.out.printf(
        Locale.ROOT,
        "   %,d runs created in %.1f s%s%n",
        seeded.runs(),
        seeded.elapsed().toNanos() / 1e9,
        seeded.stoppedAtLimit() ? " (stopped at the time limit)" : "");
    m.search =
        Workloads.time(
            WARMUP_READS,
            options.reads(),
            () -> target.search(options.searchLimit()),
            body -> Checks.search(target, body, seeded, options.searchLimit()));
    printReads(m.search);
  }

  private static void printReads(Samples samples) {
    System.out.printf(
        Locale.ROOT,
        "   %d reads: median %.1f ms, p95 %.1f ms%n",
        samples.count(),
        samples.median(),
        samples.p95());
  }

  private Report report() {
    Report report = new Report(options.measuresKiln());
    Measured kiln = kiln();
    Measured mlflow = mlflow();
    Double kilnRate =
        kiln == null || kiln.ingested == null ? null : kiln.ingested.pointsPerSecond();
    Double mlflowRate =
        mlflow == null || mlflow.ingested == null ? null : mlflow.ingested.pointsPerSecond();
    String shape =
        String.format(
            Locale.ROOT, "%,d-point batches, %d clients", options.batchSize(), options.clients());
    report.throughput("Ingestion, points/s (" + shape + ")", kilnRate, mlflowRate, INGEST_TARGET);
    report.speedup("Ingestion, Kiln / MLflow", kilnRate, mlflowRate, SPEEDUP_TARGET);
    String history =
        String.format(Locale.ROOT, "History read, %,d points", options.historyPoints());
    report.latency(
        history + ", median",
        median(kiln, m -> m.history),
        median(mlflow, m -> m.history),
        HISTORY_TARGET_MS);
    report.latency(history + ", p95", p95(kiln, m -> m.history), p95(mlflow, m -> m.history), null);
    String drawn =
        String.format(
            Locale.ROOT,
            "Downsampled read, %,d of %,d points",
            options.downsamplePoints(),
            options.seriesPoints());
    report.latency(
        drawn + ", median",
        median(kiln, m -> m.downsample),
        median(mlflow, m -> m.downsample),
        DOWNSAMPLE_TARGET_MS);
    report.latency(
        drawn + ", p95", p95(kiln, m -> m.downsample), p95(mlflow, m -> m.downsample), null);
    String search =
        String.format(
            Locale.ROOT, "Search rmse < 0.1, best %,d of %s runs", options.searchLimit(), runs());
    report.latency(
        search + ", median",
        median(kiln, m -> m.search),
        median(mlflow, m -> m.search),
        SEARCH_TARGET_MS);
    report.latency(search + ", p95", p95(kiln, m -> m.search), p95(mlflow, m -> m.search), null);
    Notes.describe(report, options, measured);
    failures.forEach(report::note);
    return report;
  }

  /** The number of runs searched, or "Kiln's / MLflow's" when they differ. */
  private String runs() {
    Measured kiln = kiln();
    Measured mlflow = mlflow();
    Integer k = kiln == null || kiln.seeded == null ? null : kiln.seeded.runs();
    Integer m = mlflow == null || mlflow.seeded == null ? null : mlflow.seeded.runs();
    if (k == null || m == null || k.equals(m)) {
      int runs = k != null ? k : m != null ? m : options.kilnSearchRuns();
      return String.format(Locale.ROOT, "%,d", runs);
    }
    return String.format(Locale.ROOT, "%,d / %,d", k, m);
  }

  private Measured kiln() {
    return measured.entrySet().stream()
        .filter(e -> e.getKey() instanceof KilnTarget)
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private Measured mlflow() {
    return measured.entrySet().stream()
        .filter(e -> e.getKey() instanceof MlflowTarget)
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static Double median(Measured m, java.util.function.Function<Measured, Samples> of) {
    return m == null || of.apply(m) == null ? null : of.apply(m).median();
  }

  private static Double p95(Measured m, java.util.function.Function<Measured, Samples> of) {
    return m == null || of.apply(m) == null ? null : of.apply(m).p95();
  }

  private boolean fullSize() {
    return options.kilnPoints() >= 10_000_000
        && options.historyPoints() >= 100_000
        && options.seriesPoints() >= 1_000_000
        && options.kilnSearchRuns() >= 100_000;
  }

  private Path resultsFile(ZonedDateTime started) {
    if (options.results() != null) {
      return options.results();
    }
    return Path.of(
        "bench",
        "results",
        "tracking-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
  }
}
