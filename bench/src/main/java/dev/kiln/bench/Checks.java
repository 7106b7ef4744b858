package dev.kiln.bench;

import java.util.List;

/**
 * Checks of what a timed read returned, made after its clock stopped: a fast wrong answer must not
 * pass for a fast one. Each throws {@link IllegalStateException} saying what was wrong.
 */
final class Checks {

  private Checks() {}

  /** The whole series, steps 0..points-1 in order; returns the number of pages it took. */
  static int history(Target target, List<byte[]> pages, int points) {
    long expected = 0;
    for (byte[] page : pages) {
      for (Target.Point point : target.points(page)) {
        if (point.step() != expected) {
          throw new IllegalStateException(
              target.name() + " history: step " + point.step() + " where " + expected + " was due");
        }
        expected++;
      }
    }
    if (expected != points) {
      throw new IllegalStateException(
          target.name() + " history: " + expected + " points read, " + points + " logged");
    }
    return pages.size();
  }

  /** A downsampled read: how many points came back, and whether the extremes were among them. */
  record Drawn(int points, boolean keptExtremes) {}

  /**
   * At most {@code asked} points, at least two, in step order, from the first step to the last.
   * Whether the series' smallest and largest values survive is reported, not required: Kiln
   * promises it, MLflow's even sampling does not.
   */
  static Drawn downsample(Target target, byte[] body, int seriesPoints, int asked) {
    List<Target.Point> points = target.points(body);
    String name = target.name() + " downsampled read";
    if (points.size() > asked || points.size() < Math.min(2, asked)) {
      throw new IllegalStateException(
          name + ": " + points.size() + " points for " + asked + " asked");
    }
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).step() < points.get(i - 1).step()) {
        throw new IllegalStateException(name + ": steps out of order at point " + i);
      }
    }
    if (points.get(0).step() != 0 || points.get(points.size() - 1).step() != seriesPoints - 1) {
      throw new IllegalStateException(
          name
              + ": spans steps "
              + points.get(0).step()
              + ".."
              + points.get(points.size() - 1).step()
              + ", not 0.."
              + (seriesPoints - 1));
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (long step = 0; step < seriesPoints; step++) {
      double value = Series.value(step);
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    boolean hasMin = false;
    boolean hasMax = false;
    for (Target.Point point : points) {
      hasMin |= point.value() == min;
      hasMax |= point.value() == max;
    }
    return new Drawn(points.size(), hasMin && hasMax);
  }

  /**
   * As many runs as asked (or as match), each under 0.1, best first; when every run was created,
   * the best is rmse 0 exactly. Answers that do not show metrics are checked by count only.
   */
  static void search(Target target, byte[] body, Workloads.Seeded seeded, int limit) {
    List<Double> rmse = target.searchedRmse(body);
    String name = target.name() + " search";
    int expected = Math.min(limit, seeded.matching());
    if (rmse.size() != expected) {
      throw new IllegalStateException(
          name + ": " + rmse.size() + " runs found, " + expected + " expected");
    }
    if (rmse.stream().anyMatch(value -> value.isNaN())) {
      return;
    }
    for (int i = 0; i < rmse.size(); i++) {
      if (rmse.get(i) >= 0.1 || (i > 0 && rmse.get(i) < rmse.get(i - 1))) {
        throw new IllegalStateException(name + ": run " + i + " has rmse " + rmse.get(i));
      }
    }
    if (seeded.runs() == seeded.asked() && !rmse.isEmpty() && rmse.get(0) != 0.0) {
      throw new IllegalStateException(name + ": the best rmse is " + rmse.get(0) + ", not 0");
    }
  }
}
