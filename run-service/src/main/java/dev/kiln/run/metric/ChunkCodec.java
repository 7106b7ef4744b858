package dev.kiln.run.metric;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The storage form of a metric chunk: points packed as 24-byte big-endian (step, timestamp, value)
 * triples in the order they were logged, and a summary of four such triples: the point with the
 * smallest step, the smallest value, the largest value and the largest step. NaN is ignored for the
 * value extremes unless every value is NaN.
 */
final class ChunkCodec {

  static final int POINT_BYTES = 24;
  static final int SUMMARY_POINTS = 4;

  private ChunkCodec() {}

  /** An encoded chunk, ready to be stored. */
  record Chunk(int count, long minStep, long maxStep, byte[] summary, byte[] points) {}

  /** Receives decoded points; {@code index} is the point's position in its chunk. */
  @FunctionalInterface
  interface PointSink {
    void accept(int index, long step, long timestamp, double value);
  }

  /** How many points a packed array holds. */
  static int count(byte[] packed) {
    if (packed.length % POINT_BYTES != 0) {
      throw new IllegalStateException(
          "A metric chunk of " + packed.length + " bytes is not a whole number of points.");
    }
    return packed.length / POINT_BYTES;
  }

  /** Hands every point of a packed array (points or summary) to {@code sink}, in stored order. */
  static void decode(byte[] packed, PointSink sink) {
    int count = count(packed);
    ByteBuffer buffer = ByteBuffer.wrap(packed);
    for (int i = 0; i < count; i++) {
      sink.accept(i, buffer.getLong(), buffer.getLong(), buffer.getDouble());
    }
  }

  /**
   * Collects the points of one key, in the order they are logged, and tracks the summary points and
   * the latest point (largest step, then timestamp, then value) as they come.
   */
  static final class Builder {

    private long[] steps = new long[8];
    private long[] timestamps = new long[8];
    private double[] values = new double[8];
    private int size;
    private int minStep;
    private int maxStep;
    private int minValue;
    private int maxValue;
    private int latest;

    void add(long step, long timestamp, double value) {
      if (size == steps.length) {
        int capacity = size * 2;
        steps = Arrays.copyOf(steps, capacity);
        timestamps = Arrays.copyOf(timestamps, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      int i = size++;
      steps[i] = step;
      timestamps[i] = timestamp;
      values[i] = value;
      if (i == 0) {
        return;
      }
      if (step < steps[minStep] || (step == steps[minStep] && timestamp < timestamps[minStep])) {
        minStep = i;
      }
      if (step > steps[maxStep] || (step == steps[maxStep] && timestamp >= timestamps[maxStep])) {
        maxStep = i;
      }
      if (!Double.isNaN(value)) {
        if (Double.isNaN(values[minValue]) || value < values[minValue]) {
          minValue = i;
        }
        if (Double.isNaN(values[maxValue]) || value > values[maxValue]) {
          maxValue = i;
        }
      }
      if (compareLatest(i, latest) > 0) {
        latest = i;
      }
    }

    int size() {
      return size;
    }

    /**
     * The point with the largest (step, timestamp, value), MLflow's latest; values compare as
     * PostgreSQL compares them (NaN above every number), so that this agrees with the upsert.
     */
    MetricPoint latest() {
      return point(latest);
    }

    Chunk build() {
      if (size == 0) {
        throw new IllegalStateException("A metric chunk needs at least one point.");
      }
      ByteBuffer points = ByteBuffer.allocate(size * POINT_BYTES);
      for (int i = 0; i < size; i++) {
        points.putLong(steps[i]).putLong(timestamps[i]).putDouble(values[i]);
      }
      ByteBuffer summary = ByteBuffer.allocate(SUMMARY_POINTS * POINT_BYTES);
      for (int i : new int[] {minStep, minValue, maxValue, maxStep}) {
        summary.putLong(steps[i]).putLong(timestamps[i]).putDouble(values[i]);
      }
      return new Chunk(size, steps[minStep], steps[maxStep], summary.array(), points.array());
    }

    private int compareLatest(int a, int b) {
      int byStep = Long.compare(steps[a], steps[b]);
      if (byStep != 0) {
        return byStep;
      }
      int byTime = Long.compare(timestamps[a], timestamps[b]);
      return byTime != 0 ? byTime : Double.compare(values[a], values[b]);
    }

    private MetricPoint point(int i) {
      return new MetricPoint(steps[i], timestamps[i], values[i]);
    }
  }
}
