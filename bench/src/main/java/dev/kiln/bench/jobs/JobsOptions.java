package dev.kiln.bench.jobs;

import dev.kiln.bench.BenchCommand;
import dev.kiln.bench.MachineFacts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of the job benchmark does. The defaults are the full benchmark of issue 5; {@code
 * --smoke} shrinks both workloads, and options after it still apply.
 *
 * @param kilnUrl the gateway
 * @param tokenFile the file holding the admin token
 * @param workspace the workspace the jobs run in
 * @param latencyJobs jobs timed one at a time from submission to Running
 * @param queuedJobs jobs queued at once behind the blockers
 * @param slots the queue cluster's slots (one node), and the number of blocking jobs
 * @param blockerSeconds how long each blocking job sleeps
 * @param poll how often a job's status is read while waiting for Running
 * @param jobLimit how long one job may take before the run is given up
 * @param results the Markdown report, or null for {@code bench/results/jobs-<time>.md}
 * @param facts machine facts from the script, for the report's head
 */
record JobsOptions(
    URI kilnUrl,
    Path tokenFile,
    String workspace,
    int latencyJobs,
    int queuedJobs,
    int slots,
    int blockerSeconds,
    Duration poll,
    Duration jobLimit,
    Path results,
    Map<String, String> facts) {

  static final int FULL_LATENCY_JOBS = 30;
  static final int FULL_QUEUED_JOBS = 100;

  static final String USAGE =
      """
      Usage: bench/jobs [options]   (or JobsBench --kiln URL --kiln-token-file FILE [options])

      Server (bench/jobs starts Kiln and sets these):
        --kiln URL                 Kiln gateway, e.g. http://127.0.0.1:18080
        --kiln-token-file FILE     file holding the admin token
        --workspace NAME           workspace the jobs run in (bench-jobs)

      Workloads (defaults are the full benchmark):
        --smoke                    small sizes: 5 timed jobs, 20 queued jobs
        --jobs N                   jobs timed from submission to Running, one at a time (30)
        --queued N                 jobs queued at once on the 4-slot cluster (100)
        --slots N                  slots of the queue cluster's one node, and blocking jobs (4)
        --blocker-seconds N        how long the blocking jobs sleep (3)
        --poll-ms N                status poll interval while waiting for Running (10)
        --job-limit SECONDS        one job's longest wait before the run is given up (600)
        --results FILE             Markdown report (bench/results/jobs-<time>.md)
        --fact KEY=VALUE           a machine fact for the report (repeatable)
      """;

  /** Whether this run has the full benchmark's sizes. */
  boolean fullSize() {
    return latencyJobs >= FULL_LATENCY_JOBS
        && queuedJobs >= FULL_QUEUED_JOBS
        && slots == 4
        && blockerSeconds == 3;
  }

  /** Parses the command line; throws {@link IllegalArgumentException} with a readable message. */
  static JobsOptions parse(String... args) {
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
        b.latencyJobs = 5;
        b.queuedJobs = 20;
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

  private static int positive(String name, String text) {
    try {
      int value = Integer.parseInt(text.trim().replace("_", "").replace(",", ""));
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value + ".");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " wants a whole number, not '" + text + "'.");
    }
  }

  /** Mutable while parsing, so that {@code --smoke} can set sizes that later options change. */
  private static final class Builder {
    URI kilnUrl;
    Path tokenFile;
    String workspace = "bench-jobs";
    int latencyJobs = FULL_LATENCY_JOBS;
    int queuedJobs = FULL_QUEUED_JOBS;
    int slots = 4;
    int blockerSeconds = 3;
    int pollMillis = 10;
    int jobLimitSeconds = 600;
    Path results;
    final Map<String, String> facts = new LinkedHashMap<>();

    void set(String name, String value) {
      switch (name) {
        case "--kiln" -> kilnUrl = BenchCommand.httpUrl(name, value);
        case "--kiln-token-file" -> tokenFile = Path.of(value);
        case "--workspace" -> workspace = value;
        case "--jobs" -> latencyJobs = positive(name, value);
        case "--queued" -> queuedJobs = positive(name, value);
        case "--slots" -> slots = positive(name, value);
        case "--blocker-seconds" -> blockerSeconds = positive(name, value);
        case "--poll-ms" -> pollMillis = positive(name, value);
        case "--job-limit" -> jobLimitSeconds = positive(name, value);
        case "--results" -> results = Path.of(value);
        case "--fact" -> MachineFacts.putGiven(facts, value);
        default -> throw new IllegalArgumentException("Unknown option " + name + ".");
      }
    }

    JobsOptions build() {
      if (kilnUrl == null || tokenFile == null) {
        throw new IllegalArgumentException("Name the server: --kiln URL --kiln-token-file FILE.");
      }
      return new JobsOptions(
          kilnUrl,
          tokenFile,
          workspace,
          latencyJobs,
          queuedJobs,
          slots,
          blockerSeconds,
          Duration.ofMillis(pollMillis),
          Duration.ofSeconds(jobLimitSeconds),
          results,
          Collections.unmodifiableMap(new LinkedHashMap<>(facts)));
    }
  }
}
