/**
 * The tracking benchmark's client: one Java program that drives Kiln and an MLflow tracking server
 * through their REST APIs with the same workloads (batch ingestion, whole-history read, downsampled
 * read, metric search), checks every answer, and reports against ADR 0012's targets. {@code
 * bench/tracking} starts both servers on one embedded PostgreSQL and runs it; see
 * docs/benchmarks.md.
 */
package dev.kiln.bench;
