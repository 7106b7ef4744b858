/**
 * Experiments: named groups of runs in a workspace, created on first use, deleted softly. The
 * workspace's {@code Default} experiment is MLflow's experiment {@code "0"}.
 */
package dev.kiln.run.experiment;
