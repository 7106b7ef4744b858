package dev.kiln.bench;

import java.util.Arrays;
import java.util.List;

/** Durations of repeated reads, in milliseconds, with nearest-rank percentiles. */
record Samples(double[] millis) {

  Samples {
    if (millis.length == 0) {
      throw new IllegalArgumentException("No samples");
    }
    millis = millis.clone();
    Arrays.sort(millis);
  }

  static Samples of(List<Double> millis) {
    return new Samples(millis.stream().mapToDouble(Double::doubleValue).toArray());
  }

  double median() {
    int n = millis.length;
    return n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
  }

  /** The smallest sample that {@code percent}% of the samples do not exceed. */
  double percentile(double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * millis.length);
    return millis[Math.max(0, Math.min(millis.length - 1, rank - 1))];
  }

  double p95() {
    return percentile(95);
  }

  int count() {
    return millis.length;
  }
}
