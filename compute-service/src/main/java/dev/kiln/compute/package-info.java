/**
 * compute-service: compute targets, the job queue and scheduler, executions and environment builds.
 * One package per feature.
 */
package dev.kiln.compute;
