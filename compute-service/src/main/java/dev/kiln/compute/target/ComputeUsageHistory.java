package dev.kiln.compute.target;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How compute targets were used over time, as the scheduler recorded it (implemented in {@code
 * dev.kiln.compute.execution}).
 */
public interface ComputeUsageHistory {

  /**
   * The samples of compute target {@code computeId} taken at or after {@code since}, oldest first.
   */
  List<Sample> of(UUID computeId, Instant since);

  /**
   * @param time when the sample was taken
   * @param nodes the target's nodes then
   * @param busySlots the slots taken by running jobs then
   * @param queued the jobs waiting then
   */
  record Sample(Instant time, int nodes, int busySlots, int queued) {}
}
