package dev.kiln.bench.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the recorded executions say about the scheduler, worked out after the jobs ended: how many
 * ran at once, and whether any job started while one of higher priority was already waiting.
 */
final class Schedule {

  private Schedule() {}

  /** The time a slot was held: from dispatch ({@code startedAt}) to {@code endedAt}. */
  record Interval(Instant start, Instant end) {}

  /** One queued job: its priority, when it was queued and when it was dispatched. */
  record Started(String name, int priority, Instant queuedAt, Instant startedAt) {}

  /** {@code later} started after {@code earlier} although it has the higher priority. */
  record Inversion(Started earlier, Started later) {}

  /**
   * The largest number of intervals that overlap at any instant. An interval ending at the very
   * instant another starts does not overlap it: the slot was handed on.
   */
  static int maxOverlap(List<Interval> intervals) {
    List<long[]> edges = new ArrayList<>();
    for (Interval interval : intervals) {
      edges.add(new long[] {nanos(interval.start()), 1});
      edges.add(new long[] {nanos(interval.end()), -1});
    }
    // At equal times ends (-1) come before starts (+1).
    edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    int running = 0;
    int max = 0;
    for (long[] edge : edges) {
      running += (int) edge[1];
      max = Math.max(max, running);
    }
    return max;
  }

  /**
   * Every pair of jobs where one was dispatched strictly before the other although the other has a
   * higher priority and had already been queued when the first was dispatched: the dispatches a
   * priority queue must never make. Jobs dispatched at the same instant (one scheduler round) are
   * never an inversion of each other.
   */
  static List<Inversion> inversions(List<Started> jobs) {
    List<Inversion> found = new ArrayList<>();
    for (Started earlier : jobs) {
      for (Started later : jobs) {
        if (earlier.startedAt().isBefore(later.startedAt())
            && later.priority() > earlier.priority()
            && !later.queuedAt().isAfter(earlier.startedAt())) {
          found.add(new Inversion(earlier, later));
        }
      }
    }
    found.sort(
        Comparator.comparing((Inversion i) -> i.earlier().startedAt())
            .thenComparing(i -> i.later().startedAt()));
    return found;
  }

  /**
   * The jobs queued no later than the first of them was dispatched (those that really waited behind
   * the blockers), in dispatch order; jobs of one scheduler round by priority, highest first.
   */
  static List<Started> queuedBehindBlockers(List<Started> jobs) {
    Instant firstStart =
        jobs.stream().map(Started::startedAt).min(Comparator.naturalOrder()).orElseThrow();
    return jobs.stream()
        .filter(job -> !job.queuedAt().isAfter(firstStart))
        .sorted(
            Comparator.comparing(Started::startedAt)
                .thenComparing(Comparator.comparingInt(Started::priority).reversed()))
        .toList();
  }

  /** How many neighbours in {@code ordered} step up in priority instead of staying or falling. */
  static int stepsUp(List<Started> ordered) {
    int steps = 0;
    for (int i = 1; i < ordered.size(); i++) {
      if (ordered.get(i).priority() > ordered.get(i - 1).priority()) {
        steps++;
      }
    }
    return steps;
  }

  /** An instant as the API writes it: an ISO-8601 string, or epoch seconds as a number. */
  static Instant instant(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      double seconds = node.asDouble();
      long whole = (long) Math.floor(seconds);
      return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }
    return Instant.parse(node.asString());
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
