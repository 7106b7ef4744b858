/**
 * The workload launcher SPI: one interface ({@link dev.kiln.launcher.Launcher}) over three backends
 * (local processes, Docker, Kubernetes). A launcher is stateless: the caller owns the state and
 * addresses a workload by the id it chose, so it can re-attach after a restart.
 */
package dev.kiln.launcher;
