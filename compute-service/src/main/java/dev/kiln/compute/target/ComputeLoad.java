package dev.kiln.compute.target;

import java.util.UUID;

/**
 * The live figures of compute targets, as the scheduler knows them (implemented in {@code
 * dev.kiln.compute.execution}). Implementations answer from the database, so that every replica
 * gives the same figures.
 */
public interface ComputeLoad {

  /** The figures of compute target {@code computeId}; zeros for a target with no jobs. */
  Load of(UUID computeId);

  /**
   * @param nodes the nodes the target has now
   * @param busySlots the slots taken by running jobs
   * @param queued the jobs waiting for a slot
   * @param running the jobs placed on a node and not yet ended
   */
  record Load(int nodes, int busySlots, int queued, int running) {

    /** A target with nothing on it. */
    public static final Load IDLE = new Load(0, 0, 0, 0);

    /** Whether jobs are waiting or running on the target. */
    public boolean inUse() {
      return queued + running > 0;
    }
  }
}
