package dev.kiln.compute.target;

import java.time.Instant;
import java.util.List;

/**
 * How a compute target was used since {@code since}: its node count, busy slots and queue length
 * each time one of them changed, oldest first.
 */
record UsageResponse(String compute, Instant since, List<ComputeUsageHistory.Sample> samples) {}
