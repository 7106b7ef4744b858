/**
 * Metrics, and the params and tags that arrive with them in a batch: ingestion in chunks (one row
 * per key per batch) under an idempotency receipt, history reads by keyset cursor, downsampled
 * charts from chunk summaries, and the latest value of each metric (MLflow's rule). The MLflow
 * facade reaches it through {@link dev.kiln.run.metric.MetricService}.
 */
package dev.kiln.run.metric;
