/**
 * run-service: experiments, runs, metrics, logs, snapshots and artifacts, and the MLflow tracking
 * API. One package per feature.
 */
package dev.kiln.run;
