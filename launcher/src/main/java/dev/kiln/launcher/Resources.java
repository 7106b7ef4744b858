package dev.kiln.launcher;

/**
 * What one instance of a workload asks for; 0 means "no limit".
 *
 * @param cpus CPU cores (fractions allowed)
 * @param memoryMb memory in MiB
 * @param gpus whole GPUs
 */
public record Resources(double cpus, long memoryMb, int gpus) {

  public static final Resources NONE = new Resources(0, 0, 0);
}
