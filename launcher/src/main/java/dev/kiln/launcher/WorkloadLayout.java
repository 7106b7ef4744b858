package dev.kiln.launcher;

/**
 * Absolute paths as the workload's process sees them.
 *
 * @param filesDir where {@link WorkloadSpec#files()} are placed (may be read-only)
 * @param workDir an empty, writable folder that belongs to this workload alone; the process starts
 *     in it
 */
public record WorkloadLayout(String filesDir, String workDir) {}
