/**
 * The Docker backend of the launcher SPI: one container per workload, named by the workload id, on
 * the host's network, plus {@link dev.kiln.launcher.docker.DockerImages}, which builds environment
 * images once per content hash. Everything is found again through the engine (names, labels, a
 * marker file in the container), so a new launcher re-attaches to earlier containers.
 */
package dev.kiln.launcher.docker;
