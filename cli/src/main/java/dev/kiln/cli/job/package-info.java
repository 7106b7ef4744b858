/**
 * The {@code kiln job} commands over {@code /api/v1/workspaces/{workspace}/jobs} of run-service:
 * create (a command job from its YAML spec, with its local code, inputs and environment files
 * uploaded or inlined first), list, show (with params and latest metrics), cancel, follow a job's
 * log ({@code stream}, which reconnects where it left off and exits with the job's outcome) and
 * download its artifacts, never writing outside the chosen folder. {@link dev.kiln.cli.job.Jobs}
 * and {@link dev.kiln.cli.job.JobMetrics} hold the paths and tables that {@code kiln metric}
 * shares.
 */
package dev.kiln.cli.job;
