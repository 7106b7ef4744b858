package dev.kiln.run.metric;

/**
 * One point of a metric series: its step, its time in epoch milliseconds and its value (which may
 * be NaN or infinite, as MLflow allows).
 */
public record MetricPoint(long step, long timestamp, double value) {}
