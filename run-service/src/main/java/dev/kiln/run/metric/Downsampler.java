package dev.kiln.run.metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks at most {@code points} points that draw a series faithfully: the first and the last step,
 * and the smallest and largest value of each of {@code (points - 2) / 2} equal step ranges, which
 * include the global extremes. Two points are kept back for the first and last step so that the
 * answer never holds more than asked. Below four points there is room only for the global minimum,
 * the global maximum, the first and the last, in that order of preference. NaN is never an extreme
 * unless a range holds nothing else. Points are fed in the order they were logged.
 */
final class Downsampler {

  private static final Comparator<Candidate> BY_POSITION =
      Comparator.comparingLong(Candidate::step)
          .thenComparingLong(Candidate::timestamp)
          .thenComparingLong(Candidate::sequence);

  private final long firstStep;
  private final double span;
  private final int points;
  private final Candidate[] mins;
  private final Candidate[] maxes;
  private Candidate first;
  private Candidate last;
  private long sequence;

  /**
   * @param firstStep the smallest step of the series
   * @param lastStep the largest step of the series
   * @param points how many points the answer may hold, at least 1
   */
  Downsampler(long firstStep, long lastStep, int points) {
    this.firstStep = firstStep;
    this.span = (double) lastStep - (double) firstStep;
    this.points = points;
    int buckets = Math.max(1, (points - 2) / 2);
    this.mins = new Candidate[buckets];
    this.maxes = new Candidate[buckets];
  }

  void accept(long step, long timestamp, double value) {
    long seq = sequence++;
    if (first == null || step < first.step || (step == first.step && timestamp < first.timestamp)) {
      first = new Candidate(step, timestamp, value, seq);
    }
    if (last == null || step > last.step || (step == last.step && timestamp >= last.timestamp)) {
      last = new Candidate(step, timestamp, value, seq);
    }
    int b = bucket(step);
    if (smaller(value, mins[b])) {
      mins[b] = new Candidate(step, timestamp, value, seq);
    }
    if (larger(value, maxes[b])) {
      maxes[b] = new Candidate(step, timestamp, value, seq);
    }
  }

  /** The chosen points ordered by step, then timestamp; an empty list when nothing was fed. */
  List<MetricPoint> result() {
    List<Candidate> chosen = new ArrayList<>();
    if (first == null) {
      return List.of();
    }
    if (points < 4) {
      Candidate min = null;
      Candidate max = null;
      for (int b = 0; b < mins.length; b++) {
        min = mins[b] != null && smaller(mins[b].value, min) ? mins[b] : min;
        max = maxes[b] != null && larger(maxes[b].value, max) ? maxes[b] : max;
      }
      for (Candidate c : new Candidate[] {min, max, first, last}) {
        if (chosen.size() < points && chosen.stream().noneMatch(c::samePoint)) {
          chosen.add(c);
        }
      }
    } else {
      chosen.add(first);
      chosen.add(last);
      for (int b = 0; b < mins.length; b++) {
        if (mins[b] != null) {
          chosen.add(mins[b]);
          chosen.add(maxes[b]);
        }
      }
    }
    chosen.sort(BY_POSITION);
    List<MetricPoint> result = new ArrayList<>(chosen.size());
    Candidate previous = null;
    for (Candidate c : chosen) {
      if (previous == null || !c.samePoint(previous)) {
        result.add(new MetricPoint(c.step, c.timestamp, c.value));
      }
      previous = c;
    }
    return result;
  }

  private int bucket(long step) {
    if (mins.length == 1 || span <= 0) {
      return 0;
    }
    int b = (int) (((double) step - (double) firstStep) / span * mins.length);
    return Math.max(0, Math.min(b, mins.length - 1));
  }

  private static boolean smaller(double value, Candidate current) {
    return current == null
        || (!Double.isNaN(value) && (Double.isNaN(current.value) || value < current.value));
  }

  private static boolean larger(double value, Candidate current) {
    return current == null
        || (!Double.isNaN(value) && (Double.isNaN(current.value) || value > current.value));
  }

  /** A point kept so far, with its place in the order the points were fed. */
  private record Candidate(long step, long timestamp, double value, long sequence) {

    /** Equal points look the same on a chart: one of them is enough. */
    boolean samePoint(Candidate other) {
      return step == other.step
          && timestamp == other.timestamp
          && Double.doubleToLongBits(value) == Double.doubleToLongBits(other.value);
    }
  }
}
