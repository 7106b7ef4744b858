package dev.kiln.compute.execution;

import dev.kiln.common.events.SubmittedJob;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code execution}: a submitted job, queued or placed on its compute target. */
record Execution(
    UUID runId,
    UUID workspaceId,
    String workspace,
    String runName,
    UUID computeId,
    UUID submitterId,
    SubmittedJob job,
    int priority,
    int slots,
    String state,
    Instant queuedAt,
    int attempt,
    boolean launched,
    String phase,
    Instant deadline,
    boolean cancelRequested,
    boolean timedOut,
    Instant startedAt,
    Instant endedAt,
    String outcome,
    String error) {

  static final String QUEUED = "queued";
  static final String ACTIVE = "active";
  static final String ENDED = "ended";

  /** The workload of instance {@code instance} in attempt {@code attempt}: a valid workload id. */
  static String workloadId(UUID runId, int attempt, int instance) {
    return "kiln-" + runId.toString().replace("-", "") + "-" + attempt + "-" + instance;
  }
}
