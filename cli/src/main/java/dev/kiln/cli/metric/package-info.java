/**
 * The {@code kiln metric} commands over a job's metrics in run-service ({@code
 * /api/v1/workspaces/{workspace}/jobs/{name}/metrics}): the latest value of each metric, or the
 * history of one, whole, limited or downsampled by the server. Paths and columns come from {@link
 * dev.kiln.cli.job.JobMetrics}, which {@code kiln job show} uses too.
 */
package dev.kiln.cli.metric;
