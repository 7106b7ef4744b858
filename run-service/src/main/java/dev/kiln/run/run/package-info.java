/**
 * Runs (Azure ML jobs): creation, the status machine, descriptions, tags, params, properties and
 * deletion with their objects. Metrics, logs, artifacts and snapshots live in packages of their own
 * and reach runs through {@link dev.kiln.run.run.RunService}.
 */
package dev.kiln.run.run;
