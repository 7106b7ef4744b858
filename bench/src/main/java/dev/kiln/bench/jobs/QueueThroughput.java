package dev.kiln.bench.jobs;

import dev.kiln.bench.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * A priority queue on a local cluster of one node with a few slots. Blocking jobs of the highest
 * priority take every slot first; then the queued jobs, of priorities 0 to 4 in a fixed shuffled
 * order, are submitted as fast as the API takes them, so that they wait behind the blockers and the
 * scheduler must pick them by priority. Afterwards the executions recorded by compute-service are
 * read back: every job must have completed, never more jobs than slots may have run at once, and no
 * job may have started while one of higher priority was already waiting.
 */
final class QueueThroughput {

  static final String COMPUTE = "quad";
  static final String COMMAND = "sleep 0.5";
  static final int BLOCKER_PRIORITY = 100;
  static final int PRIORITY_LEVELS = 5;
  static final int SUBMITTERS = 4;

  /** Fixed, so that every run of the benchmark queues the same priority sequence. */
  private static final long SHUFFLE_SEED = 5;

  private static final Duration SETUP_PATIENCE = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KilnJobsApi api;
  private final JobsOptions options;

  QueueThroughput(KilnJobsApi api, JobsOptions options) {
    this.api = api;
    this.options = options;
  }

  /**
   * What the phase measured.
   *
   * @param completed queued jobs that ended Completed
   * @param notCompleted the others, with their status
   * @param submitting how long submitting the queued jobs took
   * @param wall from the first queued job's submission to the last one's end
   * @param blockersEnd from the first queued job's submission to the last blocker's end
   * @param usageMaxBusy the most busy slots in the target's usage samples
   * @param usageSamples how many usage samples there were
   * @param usageMaxNodes the most nodes in the usage samples
   * @param overlapMax the most attempts (blockers and queued jobs) running at one instant
   * @param inversions starts that jumped a waiting job of higher priority
   * @param behindBlockers the queued jobs that were waiting when the first of them was dispatched,
   *     in dispatch order
   * @param slotMillis how long each queued job held its slot, from dispatch to end
   */
  record Result(
      int queued,
      int completed,
      List<String> notCompleted,
      Duration submitting,
      Duration wall,
      Duration blockersEnd,
      int usageMaxBusy,
      int usageSamples,
      int usageMaxNodes,
      int overlapMax,
      List<Schedule.Inversion> inversions,
      List<Schedule.Started> behindBlockers,
      Samples slotMillis) {

    double jobsPerMinute() {
      return queued / (wall.toNanos() / 60e9);
    }
  }

  /** What the blocking jobs run. */
  String blockerCommand() {
    return "sleep " + options.blockerSeconds();
  }

  /** The priorities of the queued jobs: each level equally often, in a fixed shuffled order. */
  static List<Integer> priorities(int jobs) {
    List<Integer> priorities = new ArrayList<>(jobs);
    for (int i = 0; i < jobs; i++) {
      priorities.add(i % PRIORITY_LEVELS);
    }
    Collections.shuffle(priorities, new Random(SHUFFLE_SEED));
    return priorities;
  }

  Result run() throws InterruptedException {
    String workspace = options.workspace();
    int slots = options.slots();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "amlcompute");
    spec.put("backend", "local");
    spec.put("min_instances", 0);
    spec.put("max_instances", 1);
    spec.put("slots_per_node", slots);
    spec.put("idle_time_before_scale_down", 60);
    api.putCompute(workspace, COMPUTE, spec, SETUP_PATIENCE);
    // A second of margin, so that the sample the target's first dispatch writes is surely kept.
    Instant since = Instant.now().minusSeconds(1);

    List<String> blockers = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      blockers.add(
          api.submit(
              workspace,
              new KilnJobsApi.JobRequest(blockerCommand(), COMPUTE, BLOCKER_PRIORITY),
              Duration.ZERO));
    }
    for (String blocker : blockers) {
      awaitRunning(workspace, blocker);
    }
    System.out.printf(
        "   %d blockers running (%s, priority %d)%n", slots, blockerCommand(), BLOCKER_PRIORITY);

    List<Integer> priorities = priorities(options.queuedJobs());
    Instant first = Instant.now();
    List<String> names = submitAll(workspace, priorities);
    Duration submitting = Duration.between(first, Instant.now());
    System.out.printf(
        Locale.ROOT,
        "   %d jobs submitted in %.1f s (%d clients)%n",
        names.size(),
        submitting.toNanos() / 1e9,
        SUBMITTERS);

    awaitIdle(workspace);
    List<String> notCompleted = new ArrayList<>();
    for (String name : names) {
      String end = api.awaitEnd(workspace, name, POLL, options.jobLimit());
      if (!"Completed".equals(end)) {
        notCompleted.add(name + " " + end);
      }
    }
    for (String blocker : blockers) {
      api.awaitEnd(workspace, blocker, POLL, options.jobLimit());
    }

    List<Schedule.Interval> intervals = new ArrayList<>();
    Instant blockersEnd = first;
    for (String blocker : blockers) {
      for (Schedule.Interval interval : attempts(workspace, blocker)) {
        intervals.add(interval);
        blockersEnd = later(blockersEnd, interval.end());
      }
    }
    List<Schedule.Started> started = new ArrayList<>();
    List<Double> slotMillis = new ArrayList<>();
    Instant lastEnd = first;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      JsonNode execution = api.execution(workspace, name);
      int priority = execution.path("priority").asInt();
      if (priority != priorities.get(i)) {
        throw new IllegalStateException(
            "job " + name + " has priority " + priority + ", submitted " + priorities.get(i));
      }
      List<Schedule.Interval> own = attempts(execution, name);
      if (own.isEmpty()) {
        // Never dispatched (it is among notCompleted): nothing to say about its slot or order.
        continue;
      }
      intervals.addAll(own);
      for (Schedule.Interval interval : own) {
        lastEnd = later(lastEnd, interval.end());
      }
      Schedule.Interval firstAttempt = own.get(0);
      slotMillis.add(Duration.between(firstAttempt.start(), firstAttempt.end()).toNanos() / 1e6);
      started.add(
          new Schedule.Started(
              name, priority, Schedule.instant(execution.path("queuedAt")), firstAttempt.start()));
    }

    if (started.isEmpty()) {
      throw new IllegalStateException("none of the queued jobs was dispatched: " + notCompleted);
    }
    JsonNode samples = api.usage(workspace, COMPUTE, since).path("samples");
    int maxBusy = 0;
    int maxNodes = 0;
    for (JsonNode sample : samples) {
      maxBusy = Math.max(maxBusy, sample.path("busySlots").asInt());
      maxNodes = Math.max(maxNodes, sample.path("nodes").asInt());
    }

    return new Result(
        names.size(),
        names.size() - notCompleted.size(),
        notCompleted,
        submitting,
        Duration.between(first, lastEnd),
        Duration.between(first, blockersEnd),
        maxBusy,
        samples.size(),
        maxNodes,
        Schedule.maxOverlap(intervals),
        Schedule.inversions(started),
        Schedule.queuedBehindBlockers(started),
        Samples.of(slotMillis));
  }

  /** Submits every queued job from a few clients at once; the names in submission index order. */
  private List<String> submitAll(String workspace, List<Integer> priorities)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
    try {
      List<Future<String>> submitted = new ArrayList<>();
      for (int priority : priorities) {
        submitted.add(
            pool.submit(
                () ->
                    api.submit(
                        workspace,
                        new KilnJobsApi.JobRequest(COMMAND, COMPUTE, priority),
                        Duration.ZERO)));
      }
      List<String> names = new ArrayList<>();
      for (Future<String> future : submitted) {
        names.add(future.get());
      }
      return names;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until the job reports Running (or has gone past it). */
  private void awaitRunning(String workspace, String name) {
    long deadline = System.nanoTime() + options.jobLimit().toNanos();
    while (true) {
      String status = api.status(workspace, name);
      if (List.of("Running", "Finalizing", "Completed").contains(status)) {
        return;
      }
      if (KilnJobsApi.TERMINAL.contains(status) || System.nanoTime() > deadline) {
        throw new IllegalStateException("blocking job " + name + " is " + status);
      }
      KilnJobsApi.pause(POLL);
    }
  }

  /**
   * Waits until the target has nothing queued or running. Its figures count only jobs
   * compute-service has taken in, so this follows the submissions' completion.
   */
  private void awaitIdle(String workspace) {
    Duration limit = options.jobLimit().plusSeconds(5L * options.queuedJobs());
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      JsonNode compute = api.compute(workspace, COMPUTE);
      if (compute.path("queued").asInt() == 0 && compute.path("running").asInt() == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "compute "
                + COMPUTE
                + " still had "
                + compute.path("queued").asInt()
                + " queued and "
                + compute.path("running").asInt()
                + " running after "
                + limit.toSeconds()
                + " s");
      }
      KilnJobsApi.pause(POLL);
    }
  }

  private List<Schedule.Interval> attempts(String workspace, String name) {
    return attempts(api.execution(workspace, name), name);
  }

  /**
   * Each attempt's slot time (none for a job that was never dispatched); an attempt without an end
   * would mean the job never ended.
   */
  private static List<Schedule.Interval> attempts(JsonNode execution, String name) {
    List<Schedule.Interval> intervals = new ArrayList<>();
    for (JsonNode attempt : execution.path("attempts")) {
      Instant start = Schedule.instant(attempt.path("startedAt"));
      Instant end = Schedule.instant(attempt.path("endedAt"));
      if (start == null || end == null) {
        throw new IllegalStateException(
            "job " + name + " attempt " + attempt.path("number").asInt() + " has no start or end");
      }
      intervals.add(new Schedule.Interval(start, end));
    }
    return intervals;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
