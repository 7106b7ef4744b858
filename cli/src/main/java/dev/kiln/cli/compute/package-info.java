/**
 * The {@code kiln compute} commands over {@code /api/v1/workspaces/{workspace}/computes}, for the
 * workspace that {@code -w}, {@code KILN_WORKSPACE} or the config file selects: compute clusters
 * and instances from Azure ML compute YAML, their live figures and usage over time, and their
 * removal.
 */
package dev.kiln.cli.compute;
