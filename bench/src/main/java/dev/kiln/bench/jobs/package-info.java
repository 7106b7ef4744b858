/**
 * The job-execution benchmark's client: submits command jobs to a running Kiln through its REST API
 * and measures submit-to-Running on the local backend with a cached environment, and a priority
 * queue of short jobs on a 4-slot local cluster (all complete, never more than the slots at once,
 * started in the order of their priorities). {@code bench/jobs} starts Kiln and runs it; see
 * docs/benchmarks.md.
 */
package dev.kiln.bench.jobs;
