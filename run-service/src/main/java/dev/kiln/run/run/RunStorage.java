package dev.kiln.run.run;

import java.util.UUID;

/** Where a run's files live in the object store. */
public final class RunStorage {

  private RunStorage() {}

  /** Everything of the run: deleting this prefix leaves nothing of it behind. */
  public static String prefix(UUID runId) {
    return "runs/" + runId + "/";
  }

  /** The prefix of the run's artifacts (its outputs included, under {@code outputs/}). */
  public static String artifactPrefix(UUID runId) {
    return prefix(runId) + "artifacts/";
  }
}
