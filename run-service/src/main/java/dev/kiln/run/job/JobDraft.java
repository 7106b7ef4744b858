package dev.kiln.run.job;

import dev.kiln.common.events.SubmittedJob;
import java.util.Map;

/**
 * A command job that passed every check that needs nothing but the spec itself; its environment,
 * data inputs, compute and snapshot are still references.
 *
 * @param environmentReference a registered or curated environment, or null when inline
 * @param inlineEnvironment an environment written into the job (its spec as sent on), or null
 * @param inputs by name, in the spec's order
 * @param priority higher runs first; 0 is the default
 */
record JobDraft(
    RunFields run,
    String command,
    String snapshotId,
    String compute,
    String environmentReference,
    Map<String, Object> inlineEnvironment,
    Map<String, DraftInput> inputs,
    Map<String, SubmittedJob.Output> outputs,
    Map<String, String> environmentVariables,
    Long timeoutSeconds,
    int instanceCount,
    SubmittedJob.Distribution distribution,
    int priority) {

  /** What the run is created with: its name (null: generated) and descriptions. */
  record RunFields(
      String name,
      String displayName,
      String description,
      String experimentName,
      Map<String, String> tags,
      Map<String, String> properties) {}

  /**
   * One input: either {@code resolved} already (a literal, a datastore path, an https URL), or a
   * data asset {@code dataReference} with the {@code type} the spec declares (null: the asset's)
   * and the {@code mode}.
   */
  record DraftInput(SubmittedJob.Input resolved, String dataReference, String type, String mode) {

    static DraftInput of(SubmittedJob.Input input) {
      return new DraftInput(input, null, null, null);
    }

    static DraftInput data(String reference, String type, String mode) {
      return new DraftInput(null, reference, type, mode);
    }
  }
}
