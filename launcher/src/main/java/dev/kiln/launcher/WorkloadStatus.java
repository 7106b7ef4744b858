package dev.kiln.launcher;

/**
 * A workload's state.
 *
 * @param exitCode the process's exit code once it ended by itself, else null
 * @param message why it failed to start, or null
 */
public record WorkloadStatus(WorkloadState state, Integer exitCode, String message) {

  public static WorkloadStatus of(WorkloadState state) {
    return new WorkloadStatus(state, null, null);
  }
}
