package dev.kiln.bench.jobs;

import dev.kiln.bench.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Submit-to-Running on the local backend with a cached environment. One untimed warm-up job
 * materialises the environment's virtualenv; then jobs are submitted one at a time, each timed from
 * sending its POST to the first read of its status that says {@code Running} (the runner has
 * reported that the command starts), and each awaited to its end before the next, so that no job
 * waits for another.
 */
final class SubmitToRunning {

  static final String COMPUTE = "local";
  static final String COMMAND = "sleep 1";
  static final String WARMUP_COMMAND = "sleep 0";

  private static final Duration SETUP_PATIENCE = Duration.ofMinutes(2);
  private static final Duration END_POLL = Duration.ofMillis(100);

  private final KilnJobsApi api;
  private final JobsOptions options;

  SubmitToRunning(KilnJobsApi api, JobsOptions options) {
    this.api = api;
    this.options = options;
  }

  /**
   * One timed job.
   *
   * @param millis from sending the POST to reading {@code Running}
   * @param runningSeen false when the first status read after Queued/Preparing was already past
   *     Running (the time is then an upper bound)
   * @param sent when the POST was sent
   * @param queuedAt when compute-service queued the job
   * @param dispatchedAt when the scheduler placed it on the target (attempt 1's start)
   */
  record Timed(
      String name,
      double millis,
      boolean runningSeen,
      Instant sent,
      Instant queuedAt,
      Instant dispatchedAt) {}

  /** What the phase measured; {@code notCompleted} names jobs that ended otherwise. */
  record Result(double warmupSeconds, List<Timed> jobs, List<String> notCompleted) {

    Samples stats() {
      return Samples.of(jobs.stream().map(Timed::millis).toList());
    }
  }

  Result run() {
    String workspace = options.workspace();
    long warmupStart = System.nanoTime();
    String warmup =
        api.submit(
            workspace, new KilnJobsApi.JobRequest(WARMUP_COMMAND, COMPUTE, 0), SETUP_PATIENCE);
    String warmupEnd = api.awaitEnd(workspace, warmup, END_POLL, options.jobLimit());
    if (!"Completed".equals(warmupEnd)) {
      throw new IllegalStateException(
          "the warm-up job "
              + warmup
              + " ended "
              + warmupEnd
              + ": "
              + api.job(workspace, warmup).path("error"));
    }
    double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
    System.out.printf(
        Locale.ROOT, "   warm-up job %s completed in %.1f s%n", warmup, warmupSeconds);

    List<Timed> timed = new ArrayList<>();
    List<String> notCompleted = new ArrayList<>();
    for (int i = 0; i < options.latencyJobs(); i++) {
      Timed job = timeOne(workspace);
      String end = api.awaitEnd(workspace, job.name(), END_POLL, options.jobLimit());
      if (!"Completed".equals(end)) {
        notCompleted.add(job.name() + " " + end);
      }
      timed.add(withExecution(workspace, job));
      System.out.printf(
          Locale.ROOT,
          "   job %2d %s: Running after %.0f ms%s, ended %s%n",
          i + 1,
          job.name(),
          job.millis(),
          job.runningSeen() ? "" : " (Running not seen; first seen past it)",
          end);
    }
    return new Result(warmupSeconds, timed, notCompleted);
  }

  private Timed timeOne(String workspace) {
    Instant sent = Instant.now();
    long start = System.nanoTime();
    String name =
        api.submit(workspace, new KilnJobsApi.JobRequest(COMMAND, COMPUTE, 0), Duration.ZERO);
    long deadline = start + options.jobLimit().toNanos();
    while (true) {
      String status = api.status(workspace, name);
      long now = System.nanoTime();
      switch (status) {
        case "Running" -> {
          return new Timed(name, (now - start) / 1e6, true, sent, null, null);
        }
        case "Finalizing", "Completed" -> {
          return new Timed(name, (now - start) / 1e6, false, sent, null, null);
        }
        case "Failed", "Canceled" ->
            throw new IllegalStateException(
                "job " + name + " ended " + status + ": " + api.job(workspace, name).path("error"));
        default -> {
          if (now > deadline) {
            throw new IllegalStateException(
                "job "
                    + name
                    + " was still "
                    + status
                    + " after "
                    + options.jobLimit().toSeconds()
                    + " s");
          }
        }
      }
      KilnJobsApi.pause(options.poll());
    }
  }

  /** The job with the server's record of when it was queued and dispatched. */
  private Timed withExecution(String workspace, Timed job) {
    JsonNode execution = api.execution(workspace, job.name());
    JsonNode attempts = execution.path("attempts");
    Instant dispatched =
        attempts.isEmpty() ? null : Schedule.instant(attempts.get(0).path("startedAt"));
    return new Timed(
        job.name(),
        job.millis(),
        job.runningSeen(),
        job.sent(),
        Schedule.instant(execution.path("queuedAt")),
        dispatched);
  }
}
