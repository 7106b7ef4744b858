package dev.kiln.bench.jobs;

import dev.kiln.bench.BenchCommand;
import dev.kiln.bench.MachineFacts;
import dev.kiln.bench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The job-execution benchmark of issue 5: submit-to-Running on the local backend with a cached
 * environment, then a priority queue of short jobs on a local cluster with 4 slots. Prints a table
 * with PASS/FAIL per target and writes it as Markdown. Exit status: 0 when every target is met, 1
 * when one is not, 2 when the run could not be made.
 */
public final class JobsBench {

  static final double RUNNING_TARGET_MS = 1000;
  static final int MAX_LISTED = 10;

  private final JobsOptions options;
  private final List<String> failures = new ArrayList<>();
  private SubmitToRunning.Result latency;
  private QueueThroughput.Result queue;

  JobsBench(JobsOptions options) {
    this.options = options;
  }

  /** Runs the benchmark with the options of {@link JobsOptions#USAGE}. */
  public static void main(String[] args) {
    BenchCommand.main(args, JobsOptions.USAGE, a -> new JobsBench(JobsOptions.parse(a))::run);
  }

  int run() throws IOException {
    KilnJobsApi api =
        new KilnJobsApi(options.kilnUrl(), Files.readString(options.tokenFile()).trim());
    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    // The load average is read before the first job, so that it shows what else was running.
    Map<String, String> facts = MachineFacts.collect(started, options.facts());
    api.createWorkspace(options.workspace());
    phase(
        "submit-to-Running (" + options.latencyJobs() + " jobs, one at a time)",
        () -> latency = new SubmitToRunning(api, options).run());
    phase(
        "queue ("
            + options.queuedJobs()
            + " jobs behind "
            + options.slots()
            + " blockers on "
            + options.slots()
            + " slots)",
        () -> queue = new QueueThroughput(api, options).run());
    JobsReport report = report();
    System.out.println();
    System.out.print(report.table());
    Path file = resultsFile(started);
    Files.createDirectories(file.toAbsolutePath().getParent());
    facts.put(
        "Workload",
        options.fullSize()
            ? "full (issue 5)"
            : "reduced (sizes in the table), not the benchmark's");
    Files.writeString(file, report.markdown("Job execution benchmark: Kiln", facts));
    System.out.println("\nWritten to " + file);
    return report.passed() ? 0 : 1;
  }

  @FunctionalInterface
  private interface Phase {
    void run() throws Exception;
  }

  /** Runs one workload; a failure is reported and the benchmark goes on. */
  private void phase(String what, Phase phase) {
    System.out.printf("%n== %s%n", what);
    long start = System.nanoTime();
    try {
      phase.run();
      System.out.printf(Locale.ROOT, "   done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String message = what + " failed: " + e.getMessage();
      System.out.println("   " + message);
      failures.add(message);
    }
  }

  private JobsReport report() {
    JobsReport report = new JobsReport();
    latencyRows(report);
    queueRows(report);
    failures.forEach(report::note);
    return report;
  }

  private void latencyRows(JobsReport report) {
    String metric =
        String.format(
            Locale.ROOT,
            "Submit-to-Running, local backend, cached environment (%d jobs)",
            options.latencyJobs());
    if (latency == null) {
      report.row(metric + ", median", "-", "< 1,000 ms", false);
      return;
    }
    Samples stats = latency.stats();
    report.row(
        metric + ", median",
        millis(stats.median()),
        String.format(Locale.ROOT, "< %,.0f ms", RUNNING_TARGET_MS),
        stats.median() < RUNNING_TARGET_MS && latency.notCompleted().isEmpty());
    report.info("Submit-to-Running, p95", millis(stats.p95()));
    report.info("Submit-to-Running, max", millis(stats.max()));
    report.note(
        String.format(
            Locale.ROOT,
            "Submit-to-Running: `%s` on compute `%s`, environment `azureml:kiln-minimal@latest`,"
                + " after one untimed warm-up job (`%s`, %.1f s, which made the environment's"
                + " virtualenv); each timed from sending `POST .../jobs` to the first `GET"
                + " .../jobs/{name}` answering `Running`, polled every %d ms, and awaited to its"
                + " end before the next.",
            SubmitToRunning.COMMAND,
            SubmitToRunning.COMPUTE,
            SubmitToRunning.WARMUP_COMMAND,
            latency.warmupSeconds(),
            options.poll().toMillis()));
    report.note(breakdown(latency.jobs()));
    long unseen = latency.jobs().stream().filter(t -> !t.runningSeen()).count();
    if (unseen > 0) {
      report.note(
          unseen
              + " job(s) were first seen past Running (Finalizing or Completed); their time is"
              + " when that was read.");
    }
    if (!latency.notCompleted().isEmpty()) {
      report.note("Timed jobs that did not complete: " + listed(latency.notCompleted()) + ".");
    }
  }

  /** Where the time to Running went, by the server's records of queueing and dispatch. */
  private static String breakdown(List<SubmitToRunning.Timed> jobs) {
    List<Double> toQueued = new ArrayList<>();
    List<Double> toDispatched = new ArrayList<>();
    List<Double> toRunning = new ArrayList<>();
    for (SubmitToRunning.Timed job : jobs) {
      if (job.queuedAt() == null || job.dispatchedAt() == null) {
        continue;
      }
      Instant running = job.sent().plusNanos((long) (job.millis() * 1e6));
      toQueued.add(between(job.sent(), job.queuedAt()));
      toDispatched.add(between(job.queuedAt(), job.dispatchedAt()));
      toRunning.add(between(job.dispatchedAt(), running));
    }
    if (toQueued.isEmpty()) {
      return "The executions did not say when the jobs were queued and dispatched.";
    }
    return String.format(
        Locale.ROOT,
        "Where the time went (medians, from compute-service's execution records): POST to queued"
            + " on the target %.0f ms (run-service stores the run, the outbox publishes"
            + " RunSubmitted, compute-service takes it), queued to dispatched %.0f ms, dispatched"
            + " to Running seen %.0f ms (run token, plan, process launch, the runner's start and"
            + " its `running` heartbeat, and the poll).",
        Samples.of(toQueued).median(),
        Samples.of(toDispatched).median(),
        Samples.of(toRunning).median());
  }

  private void queueRows(JobsReport report) {
    int jobs = options.queuedJobs();
    int slots = options.slots();
    String prefix = String.format(Locale.ROOT, "Queue, %d jobs on %d slots: ", jobs, slots);
    if (queue == null) {
      report.row(prefix + "completed", "-", "all " + jobs, false);
      report.row(prefix + "most running at once", "-", "<= " + slots, false);
      report.row(prefix + "started in priority order", "-", "no inversion", false);
      return;
    }
    report.row(
        prefix + "completed",
        queue.completed() + " / " + queue.queued(),
        "all " + jobs,
        queue.completed() == jobs && queue.queued() == jobs);
    report.row(
        prefix + "most busy slots (usage samples)",
        Integer.toString(queue.usageMaxBusy()),
        "<= " + slots,
        queue.usageSamples() > 0 && queue.usageMaxBusy() <= slots);
    report.row(
        prefix + "most running at once (attempt start/end)",
        Integer.toString(queue.overlapMax()),
        "<= " + slots,
        queue.overlapMax() <= slots);
    report.row(
        prefix + "priority inversions at dispatch",
        Integer.toString(queue.inversions().size()),
        "0",
        queue.inversions().isEmpty());
    report.info(
        prefix + "wall time, first submission to last end",
        String.format(Locale.ROOT, "%.1f s", seconds(queue.wall())));
    report.info(
        prefix + "throughput", String.format(Locale.ROOT, "%.0f jobs/min", queue.jobsPerMinute()));
    queueNotes(report);
  }

  private void queueNotes(JobsReport report) {
    int slots = options.slots();
    report.note(
        String.format(
            Locale.ROOT,
            "Queue: compute `%s` (amlcompute, local backend, 0 to 1 node, %d slots per node);"
                + " %d blockers (`%s`, priority %d) took every slot first; then %d jobs (`%s`,"
                + " priorities 0 to %d, each equally often, in a fixed shuffled order) were"
                + " submitted by %d concurrent clients in %.1f s.",
            QueueThroughput.COMPUTE,
            slots,
            slots,
            "sleep " + options.blockerSeconds(),
            QueueThroughput.BLOCKER_PRIORITY,
            queue.queued(),
            QueueThroughput.COMMAND,
            QueueThroughput.PRIORITY_LEVELS - 1,
            QueueThroughput.SUBMITTERS,
            seconds(queue.submitting())));
    double ideal = seconds(queue.blockersEnd()) + Math.ceil(queue.queued() / (double) slots) * 0.5;
    report.note(
        String.format(
            Locale.ROOT,
            "Wall time runs from the first queued job's submission to the end of the last one's"
                + " attempt (compute-service's `endedAt`); the blockers ended %.1f s after that"
                + " first submission, so with no overhead per job the queue would have taken %.1f"
                + " s. Each queued job held its slot for a median of %.2f s (p95 %.2f s) from"
                + " dispatch to end, for a 0.5 s command: the rest is the launch of its process,"
                + " the runner, and the heartbeats that start and end it.",
            seconds(queue.blockersEnd()),
            ideal,
            queue.slotMillis().median() / 1000,
            queue.slotMillis().p95() / 1000));
    report.note(
        String.format(
            Locale.ROOT,
            "Concurrency: `GET .../computes/%s/usage` gave %d samples (most nodes %d, most busy"
                + " slots %d); the attempts' start (dispatch) and end times, blockers included,"
                + " overlap at most %d at one instant.",
            QueueThroughput.COMPUTE,
            queue.usageSamples(),
            queue.usageMaxNodes(),
            queue.usageMaxBusy(),
            queue.overlapMax()));
    List<Schedule.Started> behind = queue.behindBlockers();
    report.note(
        String.format(
            Locale.ROOT,
            "Order: %d of the %d jobs were queued before the first of them was dispatched; in"
                + " dispatch order their priorities %s.%s An inversion is a job dispatched"
                + " strictly before another of higher priority that was already queued then (jobs"
                + " of one scheduler round share their start time and are not compared); every"
                + " pair of the %d jobs is checked, by when each was queued.",
            behind.size(),
            queue.queued(),
            Schedule.stepsUp(behind) == 0
                ? "never rise"
                : "rise " + Schedule.stepsUp(behind) + " time(s)",
            behind.size() < queue.queued()
                ? " The others arrived while earlier ones were already running: submitting took"
                    + " longer than the blockers held the slots (--blocker-seconds holds them"
                    + " longer)."
                : "",
            queue.queued()));
    if (!queue.inversions().isEmpty()) {
      report.note(
          "Inversions: "
              + queue.inversions().stream()
                  .limit(MAX_LISTED)
                  .map(
                      i ->
                          String.format(
                              Locale.ROOT,
                              "%s (priority %d) dispatched at %s before %s (priority %d, queued %s,"
                                  + " dispatched %s)",
                              i.earlier().name(),
                              i.earlier().priority(),
                              i.earlier().startedAt(),
                              i.later().name(),
                              i.later().priority(),
                              i.later().queuedAt(),
                              i.later().startedAt()))
                  .collect(Collectors.joining("; "))
              + (queue.inversions().size() > MAX_LISTED ? "; ..." : "")
              + ".");
    }
    if (!queue.notCompleted().isEmpty()) {
      report.note("Queued jobs that did not complete: " + listed(queue.notCompleted()) + ".");
    }
  }

  private static String listed(List<String> items) {
    String shown = items.stream().limit(MAX_LISTED).collect(Collectors.joining(", "));
    return items.size() > MAX_LISTED ? shown + ", ... (" + items.size() + " in all)" : shown;
  }

  private static double between(Instant from, Instant to) {
    return Duration.between(Objects.requireNonNull(from), Objects.requireNonNull(to)).toNanos()
        / 1e6;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%,.0f ms", value);
  }

  private Path resultsFile(ZonedDateTime started) {
    if (options.results() != null) {
      return options.results();
    }
    return Path.of(
        "bench",
        "results",
        "jobs-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
  }
}
