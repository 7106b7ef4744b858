package dev.kiln.run.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

  private static List<MetricPoint> decode(byte[] packed) {
    List<MetricPoint> points = new ArrayList<>();
    ChunkCodec.decode(
        packed, (i, step, time, value) -> points.add(new MetricPoint(step, time, value)));
    return points;
  }

  private static ChunkCodec.Chunk encode(MetricPoint... points) {
    ChunkCodec.Builder builder = new ChunkCodec.Builder();
    for (MetricPoint p : points) {
      builder.add(p.step(), p.timestamp(), p.value());
    }
    return builder.build();
  }

  @Test
  void roundTripsPointsInLoggedOrderWithSpecialValues() {
    MetricPoint[] points = {
      new MetricPoint(3, 1_700_000_000_003L, 0.5),
      new MetricPoint(1, 1_700_000_000_001L, Double.NaN),
      new MetricPoint(Long.MAX_VALUE, Long.MIN_VALUE, Double.POSITIVE_INFINITY),
      new MetricPoint(-7, 0, Double.NEGATIVE_INFINITY),
      new MetricPoint(2, 5, -0.0)
    };
    ChunkCodec.Chunk chunk = encode(points);
    assertThat(chunk.count()).isEqualTo(5);
    assertThat(chunk.points()).hasSize(5 * ChunkCodec.POINT_BYTES);
    assertThat(decode(chunk.points())).containsExactly(points);
    assertThat(chunk.minStep()).isEqualTo(-7);
    assertThat(chunk.maxStep()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void packsBigEndianStepTimestampValueTriples() {
    ChunkCodec.Chunk chunk = encode(new MetricPoint(1, 2, 3.0));
    ByteBuffer expected = ByteBuffer.allocate(24).putLong(1).putLong(2).putDouble(3.0);
    assertThat(chunk.points()).isEqualTo(expected.array());
  }

  @Test
  void summarisesSmallestStepSmallestValueLargestValueAndLargestStep() {
    ChunkCodec.Chunk chunk =
        encode(
            new MetricPoint(5, 50, 1.0),
            new MetricPoint(2, 20, 9.0),
            new MetricPoint(8, 80, Double.NaN),
            new MetricPoint(9, 90, -4.0),
            new MetricPoint(3, 30, 2.0));
    assertThat(decode(chunk.summary()))
        .containsExactly(
            new MetricPoint(2, 20, 9.0),
            new MetricPoint(9, 90, -4.0),
            new MetricPoint(2, 20, 9.0),
            new MetricPoint(9, 90, -4.0));
  }

  @Test
  void keepsNaNAsTheValueExtremeOnlyWhenEveryValueIsNaN() {
    ChunkCodec.Chunk chunk =
        encode(new MetricPoint(1, 1, Double.NaN), new MetricPoint(2, 2, Double.NaN));
    List<MetricPoint> summary = decode(chunk.summary());
    assertThat(summary.get(1).value()).isNaN();
    assertThat(summary.get(2).value()).isNaN();
    ChunkCodec.Chunk mixed = encode(new MetricPoint(1, 1, Double.NaN), new MetricPoint(2, 2, 7.0));
    assertThat(decode(mixed.summary()).get(1)).isEqualTo(new MetricPoint(2, 2, 7.0));
    assertThat(decode(mixed.summary()).get(2)).isEqualTo(new MetricPoint(2, 2, 7.0));
  }

  @Test
  void breaksStepTiesByTimestampForTheStepExtremes() {
    ChunkCodec.Chunk chunk =
        encode(
            new MetricPoint(0, 30, 1.0),
            new MetricPoint(0, 10, 2.0),
            new MetricPoint(4, 40, 3.0),
            new MetricPoint(4, 20, 4.0));
    List<MetricPoint> summary = decode(chunk.summary());
    assertThat(summary.get(0)).isEqualTo(new MetricPoint(0, 10, 2.0));
    assertThat(summary.get(3)).isEqualTo(new MetricPoint(4, 40, 3.0));
  }

  @Test
  void tracksTheLatestPointByStepThenTimestampThenValue() {
    ChunkCodec.Builder builder = new ChunkCodec.Builder();
    builder.add(5, 100, 1.0);
    builder.add(4, 999, 9.0);
    builder.add(5, 100, 2.0);
    builder.add(5, 99, 7.0);
    assertThat(builder.latest()).isEqualTo(new MetricPoint(5, 100, 2.0));
  }

  @Test
  void growsPastItsInitialCapacity() {
    ChunkCodec.Builder builder = new ChunkCodec.Builder();
    for (int i = 0; i < 1000; i++) {
      builder.add(i, i * 10L, i / 2.0);
    }
    List<MetricPoint> decoded = decode(builder.build().points());
    assertThat(decoded).hasSize(1000);
    assertThat(decoded.get(999)).isEqualTo(new MetricPoint(999, 9990, 499.5));
  }

  @Test
  void refusesAnEmptyChunkAndATruncatedOne() {
    assertThatThrownBy(() -> new ChunkCodec.Builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ChunkCodec.decode(new byte[25], (i, s, t, v) -> {}))
        .isInstanceOf(IllegalStateException.class);
  }
}
