package dev.kiln.launcher;

import java.util.Optional;

/**
 * Starts, observes and stops workloads on one backend. Implementations keep no state of their own
 * between calls: everything they need to find a workload again is derived from its id, so a new
 * launcher (after a restart) re-attaches to workloads an earlier one started.
 */
public interface Launcher extends AutoCloseable {

  /** {@code local}, {@code docker} or {@code kubernetes}. */
  String backend();

  /**
   * Where the workload will see its directories, known before it starts so that a caller can put
   * the paths into the workload's command and environment.
   */
  WorkloadLayout layout(String workloadId);

  /**
   * Starts the workload. Launching an id that already exists starts nothing and returns normally,
   * so a caller that crashed between launching and recording may launch again.
   *
   * @throws LaunchException when the backend refuses the workload (bad image, no capacity)
   */
  void launch(WorkloadSpec spec);

  /** The workload's state now; {@link Optional#empty()} when the backend knows no such workload. */
  Optional<WorkloadStatus> status(String workloadId);

  /**
   * The workload's combined output from its first line, as lines. With {@code follow}, the stream
   * ends when the workload ends; without, at the current end. Closing the stream stops following.
   */
  LogStream logs(String workloadId, boolean follow);

  /**
   * Stops the workload if it is still running (it ends {@link WorkloadState#STOPPED}); idempotent.
   */
  void stop(String workloadId);

  /**
   * Removes what the workload left on the backend (its process files, container, Job); idempotent.
   */
  void remove(String workloadId);

  @Override
  default void close() {}
}
