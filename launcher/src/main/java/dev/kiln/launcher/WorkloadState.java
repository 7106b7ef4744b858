package dev.kiln.launcher;

/** Where a workload is, the same on every backend. */
public enum WorkloadState {
  /** Accepted, not yet running (image pull, pod scheduling). */
  PENDING,
  RUNNING,
  /** Ended with exit code 0. */
  SUCCEEDED,
  /** Ended with another exit code, or could not start. */
  FAILED,
  /** Ended because {@link Launcher#stop} was called. */
  STOPPED;

  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == STOPPED;
  }
}
