package dev.kiln.bench;

import java.util.Arrays;
import java.util.List;

/** Durations in milliseconds, sorted, with nearest-rank percentiles. */
public record Samples(double[] millis) {

  public Samples {
    if (millis.length == 0) {
      throw new IllegalArgumentException("No samples");
    }
    millis = millis.clone();
    Arrays.sort(millis);
  }

  public static Samples of(List<Double> millis) {
    return new Samples(millis.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public double median() {
    int n = millis.length;
    return n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
  }

  /** The smallest sample that {@code percent}% of the samples do not exceed. */
  public double percentile(double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * millis.length);
    return millis[Math.max(0, Math.min(millis.length - 1, rank - 1))];
  }

  public double p95() {
    return percentile(95);
  }

  public double max() {
    return millis[millis.length - 1];
  }

  public int count() {
    return millis.length;
  }
}
