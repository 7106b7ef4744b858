package dev.kiln.run.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

  private static List<MetricPoint> sample(int points, double... values) {
    Downsampler sampler = new Downsampler(0, values.length - 1, points);
    for (int i = 0; i < values.length; i++) {
      sampler.accept(i, 1000L + i, values[i]);
    }
    return sampler.result();
  }

  private static double[] wave(int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.sin(i / 50.0);
    }
    return values;
  }

  @Test
  void keepsFirstLastAndExtremesWithinTheLimit() {
    double[] values = wave(10_000);
    values[4321] = 1e9;
    values[777] = -1e9;
    List<MetricPoint> sampled = sample(100, values);
    assertThat(sampled).hasSizeLessThanOrEqualTo(100).hasSizeGreaterThan(50);
    assertThat(sampled.get(0).step()).isZero();
    assertThat(sampled.get(sampled.size() - 1).step()).isEqualTo(9999);
    assertThat(sampled)
        .contains(new MetricPoint(4321, 5321, 1e9), new MetricPoint(777, 1777, -1e9));
    assertThat(sampled).isSortedAccordingTo(java.util.Comparator.comparingLong(MetricPoint::step));
  }

  @Test
  void answersEveryPointOfAShortSeries() {
    assertThat(sample(10, 3, 1, 2)).extracting(MetricPoint::value).containsExactly(3.0, 1.0, 2.0);
  }

  @Test
  void prefersTheExtremesWhenAskedForFewerThanFourPoints() {
    double[] values = {5, 9, -3, 4, 6};
    assertThat(sample(1, values)).extracting(MetricPoint::value).containsExactly(-3.0);
    assertThat(sample(2, values)).extracting(MetricPoint::value).containsExactly(9.0, -3.0);
    assertThat(sample(3, values)).extracting(MetricPoint::value).containsExactly(5.0, 9.0, -3.0);
  }

  @Test
  void ignoresNaNForExtremesUnlessNothingElseIsThere() {
    List<MetricPoint> sampled = sample(4, Double.NaN, 2, Double.NaN, 1, Double.NaN);
    assertThat(sampled).extracting(MetricPoint::value).contains(1.0, 2.0);
    assertThat(sample(4, Double.NaN, Double.NaN)).hasSize(2);
  }

  @Test
  void answersNothingForAnEmptySeries() {
    assertThat(new Downsampler(0, 0, 10).result()).isEmpty();
  }
}
