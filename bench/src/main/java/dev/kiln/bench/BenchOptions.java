package dev.kiln.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark run does: which servers it measures and how big each workload is. The defaults
 * are the full benchmark of ADR 0012; {@code --smoke} shrinks every workload so that a run takes a
 * few minutes, and options after it still apply.
 */
record BenchOptions(
    URI kilnUrl,
    String kilnTokenFile,
    URI mlflowUrl,
    int clients,
    int batchSize,
    int keys,
    long kilnPoints,
    long mlflowPoints,
    Duration phaseLimit,
    int warmupBatches,
    int historyPoints,
    int historyPageSize,
    int seriesPoints,
    int downsamplePoints,
    int kilnSearchRuns,
    int mlflowSearchRuns,
    Duration seedLimit,
    int searchLimit,
    int reads,
    Path results,
    Map<String, String> facts) {

  static final String USAGE =
      """
      Usage: bench/tracking [options]   (or TrackingBench --kiln URL --mlflow URL [options])

      Servers (bench/tracking starts both and sets these):
        --kiln URL                 Kiln gateway, e.g. http://127.0.0.1:18080
        --kiln-token-file FILE     file holding the admin token
        --mlflow URL               MLflow tracking server, e.g. http://127.0.0.1:18100

      Workloads (defaults are the full benchmark):
        --smoke                    small sizes: 200k points, 200k-point series, 2,000 runs
        --clients N                concurrent clients for ingestion and seeding (8)
        --batch N                  points per batch, at most 1000 (MLflow's limit) (1000)
        --keys N                   metric keys each ingestion run cycles through (10)
        --points N                 points Kiln ingests (10M)
        --mlflow-points N          points MLflow ingests (500k)
        --time-limit SECONDS       each ingestion and series load stops after this (900)
        --warmup-batches N         untimed batches per client before timing (20)
        --history-points N         length of the series read whole (100k)
        --page-size N              points per history page (25000)
        --series-points N          length of the series drawn downsampled (1M)
        --downsample N             points asked of the downsampled read (500)
        --search-runs N            runs Kiln is searched over (100k)
        --mlflow-search-runs N     runs MLflow is searched over (20k: it creates some 30 a second)
        --seed-time-limit SECONDS  creating search runs stops after this (3600)
        --search-limit N           runs one search returns (100)
        --reads N                  timed repetitions of each read (10)
        --results FILE             Markdown report (bench/results/tracking-<time>.md)
        --fact KEY=VALUE           a machine fact for the report (repeatable)
      Numbers take _ or , separators and k or M suffixes: 10M, 500k, 100_000.
      """;

  /** Parses the command line; throws {@link IllegalArgumentException} with a readable message. */
  static BenchOptions parse(String... args) {
    Builder b = new Builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (name.equals("--smoke")) {
        b.smoke();
        continue;
      }
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'.");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value.");
        }
        value = args[++i];
      }
      b.set(name, value);
    }
    return b.build();
  }

  /** Whether Kiln is measured in this run. */
  boolean measuresKiln() {
    return kilnUrl != null;
  }

  /** Whether MLflow is measured in this run. */
  boolean measuresMlflow() {
    return mlflowUrl != null;
  }

  /** Parses a count such as {@code 10M}, {@code 500k}, {@code 100_000} or {@code 2,000}. */
  static long count(String name, String text) {
    String digits = text.trim().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
    long unit = 1;
    if (digits.endsWith("k")) {
      unit = 1_000;
      digits = digits.substring(0, digits.length() - 1);
    } else if (digits.endsWith("m")) {
      unit = 1_000_000;
      digits = digits.substring(0, digits.length() - 1);
    }
    try {
      long value = Math.multiplyExact(Long.parseLong(digits), unit);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(name + " wants a count, not '" + text + "'.");
    }
  }

  private static int intCount(String name, String text) {
    long value = count(name, text);
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " is too large: " + text + ".");
    }
    return (int) value;
  }

  /** Mutable while parsing, so that {@code --smoke} can set defaults that later options change. */
  private static final class Builder {
    URI kilnUrl;
    String kilnTokenFile;
    URI mlflowUrl;
    int clients = 8;
    int batchSize = 1000;
    int keys = 10;
    long kilnPoints = 10_000_000;
    long mlflowPoints = 500_000;
    long phaseLimitSeconds = 900;
    int warmupBatches = 20;
    int historyPoints = 100_000;
    int historyPageSize = 25_000;
    int seriesPoints = 1_000_000;
    int downsamplePoints = 500;
    int kilnSearchRuns = 100_000;
    int mlflowSearchRuns = 20_000;
    long seedLimitSeconds = 3600;
    int searchLimit = 100;
    int reads = 10;
    Path results;
    final Map<String, String> facts = new LinkedHashMap<>();

    void smoke() {
      kilnPoints = 200_000;
      mlflowPoints = 200_000;
      warmupBatches = 5;
      seriesPoints = 200_000;
      kilnSearchRuns = 2_000;
      mlflowSearchRuns = 2_000;
      reads = 5;
    }

    void set(String name, String value) {
      switch (name) {
        case "--kiln" -> kilnUrl = BenchCommand.httpUrl(name, value);
        case "--kiln-token-file" -> kilnTokenFile = value;
        case "--mlflow" -> mlflowUrl = BenchCommand.httpUrl(name, value);
        case "--clients" -> clients = intCount(name, value);
        case "--batch" -> batchSize = intCount(name, value);
        case "--keys" -> keys = intCount(name, value);
        case "--points" -> kilnPoints = count(name, value);
        case "--mlflow-points" -> mlflowPoints = count(name, value);
        case "--time-limit" -> phaseLimitSeconds = count(name, value);
        case "--warmup-batches" -> warmupBatches = intCount(name, value);
        case "--history-points" -> historyPoints = intCount(name, value);
        case "--page-size" -> historyPageSize = intCount(name, value);
        case "--series-points" -> seriesPoints = intCount(name, value);
        case "--downsample" -> downsamplePoints = intCount(name, value);
        case "--search-runs" -> kilnSearchRuns = intCount(name, value);
        case "--mlflow-search-runs" -> mlflowSearchRuns = intCount(name, value);
        case "--seed-time-limit" -> seedLimitSeconds = count(name, value);
        case "--search-limit" -> searchLimit = intCount(name, value);
        case "--reads" -> reads = intCount(name, value);
        case "--results" -> results = Path.of(value);
        case "--fact" -> MachineFacts.putGiven(facts, value);
        default -> throw new IllegalArgumentException("Unknown option " + name + ".");
      }
    }

    BenchOptions build() {
      if (kilnUrl == null && mlflowUrl == null) {
        throw new IllegalArgumentException("Name at least one server: --kiln URL or --mlflow URL.");
      }
      if (kilnUrl != null && kilnTokenFile == null) {
        throw new IllegalArgumentException("--kiln needs --kiln-token-file.");
      }
      atLeastOne("--clients", clients);
      atLeastOne("--keys", keys);
      atLeastOne("--reads", reads);
      atLeastOne("--search-limit", searchLimit);
      atLeastOne("--downsample", downsamplePoints);
      atLeastOne("--page-size", historyPageSize);
      atLeastOne("--time-limit", phaseLimitSeconds);
      atLeastOne("--seed-time-limit", seedLimitSeconds);
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException(
            "--batch must be between 1 and 1000 (MLflow's limit), was " + batchSize + ".");
      }
      atLeastOne("--points", kilnPoints);
      atLeastOne("--mlflow-points", mlflowPoints);
      atLeastOne("--history-points", historyPoints);
      atLeastOne("--series-points", seriesPoints);
      atLeastOne("--search-runs", kilnSearchRuns);
      atLeastOne("--mlflow-search-runs", mlflowSearchRuns);
      wholeBatches("--points", kilnPoints);
      wholeBatches("--mlflow-points", mlflowPoints);
      wholeBatches("--history-points", historyPoints);
      wholeBatches("--series-points", seriesPoints);
      return new BenchOptions(
          kilnUrl,
          kilnTokenFile,
          mlflowUrl,
          clients,
          batchSize,
          keys,
          kilnPoints,
          mlflowPoints,
          Duration.ofSeconds(phaseLimitSeconds),
          warmupBatches,
          historyPoints,
          historyPageSize,
          seriesPoints,
          downsamplePoints,
          kilnSearchRuns,
          mlflowSearchRuns,
          Duration.ofSeconds(seedLimitSeconds),
          searchLimit,
          reads,
          results,
          Collections.unmodifiableMap(new LinkedHashMap<>(facts)));
    }

    private static void atLeastOne(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value + ".");
      }
    }

    /** Every batch is full, so that both servers take exactly the same requests. */
    private void wholeBatches(String name, long points) {
      if (points % batchSize != 0) {
        throw new IllegalArgumentException(
            name + " (" + points + ") must be a multiple of --batch (" + batchSize + ").");
      }
    }
  }
}
