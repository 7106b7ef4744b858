package dev.kiln.bench;

/**
 * The synthetic points both servers take: a decaying loss with a little deterministic noise, so
 * that values differ from point to point (as real ones do) and every run of the benchmark sends the
 * same bytes.
 */
final class Series {

  /** 2023-11-14T22:13:20Z, in epoch milliseconds; the timestamp of step 0. */
  static final long EPOCH_MILLIS = 1_700_000_000_000L;

  private Series() {}

  static double value(long step) {
    long mixed = (step + 1) * 0x9E3779B97F4A7C15L;
    double noise = (mixed >>> 11) * 0x1.0p-53;
    return 1.0 / (1.0 + step * 1e-4) + noise * 0.01;
  }

  static long timestamp(long step) {
    return EPOCH_MILLIS + step;
  }

  /**
   * Appends {@code "metrics":[...]} with {@code count} points of {@code key} from {@code
   * firstStep}: the field set both Kiln's batch and MLflow's log-batch accept.
   */
  static StringBuilder appendMetrics(StringBuilder json, String key, long firstStep, int count) {
    json.append("\"metrics\":[");
    String prefix = "{\"key\":" + quote(key) + ",\"value\":";
    for (int i = 0; i < count; i++) {
      long step = firstStep + i;
      if (i > 0) {
        json.append(',');
      }
      json.append(prefix)
          .append(value(step))
          .append(",\"step\":")
          .append(step)
          .append(",\"timestamp\":")
          .append(timestamp(step))
          .append('}');
    }
    return json.append(']');
  }

  /** A JSON string literal; the benchmark's keys and names need no escapes, but stay safe. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
