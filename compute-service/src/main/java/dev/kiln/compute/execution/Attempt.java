package dev.kiln.compute.execution;

import java.time.Instant;
import java.util.List;

/**
 * One try of an execution.
 *
 * @param outcome {@code completed}, {@code failed}, {@code canceled} or {@code
 *     infrastructure_failure}; null while it runs
 * @param reportedExit the exit code the runner reported, if it did
 * @param reportedError the runner's own failure, if it reported one
 * @param reportedInputError a problem with the job's inputs the runner reported (a missing file, a
 *     datastore that refuses): the job fails without another attempt
 */
public record Attempt(
    int number,
    String backend,
    List<String> workloads,
    Instant startedAt,
    Instant endedAt,
    Integer exitCode,
    String outcome,
    String error,
    Integer reportedExit,
    String reportedError,
    String reportedInputError) {}
