package dev.kiln.bench;

/**
 * What one server did in one benchmark run. Filled in workload by workload; a field left null is a
 * workload that failed, and the report's notes say why.
 */
final class Measured {
  Workloads.Ingested ingested;
  Samples history;
  int historyPages;
  Samples downsample;
  int downsampled;
  boolean keptExtremes;
  Workloads.Seeded seeded;
  Samples search;
}
