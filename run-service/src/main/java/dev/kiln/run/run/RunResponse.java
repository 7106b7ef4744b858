package dev.kiln.run.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.common.events.SubmittedJob;
import java.time.Instant;
import java.util.Map;

/**
 * A run as the API shows it. {@code job} is a submitted command job's accepted spec, with its
 * references resolved, and null for a tracking-only run.
 */
public record RunResponse(
    String id,
    String name,
    String displayName,
    String description,
    String experimentName,
    String experimentId,
    RunStatus status,
    String lifecycle,
    String parent,
    String submittedBy,
    Instant createdAt,
    Instant startTime,
    Instant endTime,
    @JsonInclude(JsonInclude.Include.NON_NULL) Error error,
    Map<String, String> tags,
    Map<String, String> properties,
    String snapshotId,
    SubmittedJob job) {

  /** Why a run failed. */
  public record Error(String code, String message) {}
}
