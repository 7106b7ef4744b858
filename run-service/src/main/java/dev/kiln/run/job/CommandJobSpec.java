package dev.kiln.run.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiln.common.spec.Spec;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A command job as its Azure ML v2 YAML (or JSON) spec writes it. {@code inputs}, {@code outputs}
 * and {@code environment} take several shapes and are read further by {@link JobSpecReader}; {@code
 * snapshot_id} and {@code priority} are Kiln's own keys.
 */
@Spec
record CommandJobSpec(
    @JsonProperty("$schema") String schema,
    String type,
    String name,
    @JsonProperty("display_name") String displayName,
    String description,
    @JsonProperty("experiment_name") String experimentName,
    Map<String, String> tags,
    Map<String, String> properties,
    String command,
    String code,
    @JsonProperty("snapshot_id") String snapshotId,
    Map<String, JsonNode> inputs,
    Map<String, JsonNode> outputs,
    JsonNode environment,
    String compute,
    @JsonProperty("environment_variables") Map<String, String> environmentVariables,
    Limits limits,
    Resources resources,
    Distribution distribution,
    Integer priority,
    @JsonProperty("queue_settings") QueueSettings queueSettings) {

  /** {@code limits}: the run's time limit in seconds. */
  @Spec
  record Limits(Long timeout) {}

  /** {@code resources}: how many instances (nodes) run the command. */
  @Spec
  record Resources(@JsonProperty("instance_count") Integer instanceCount) {}

  /** {@code distribution}: pytorch and mpi count processes per instance, tensorflow workers. */
  @Spec
  record Distribution(
      String type,
      @JsonProperty("process_count_per_instance") Integer processCountPerInstance,
      @JsonProperty("worker_count") Integer workerCount,
      @JsonProperty("parameter_server_count") Integer parameterServerCount) {}

  /** {@code queue_settings}: Azure's {@code priority} is low, medium or high. */
  @Spec
  record QueueSettings(String priority) {}

  /** An input written as a mapping: a file or folder. */
  @Spec
  record InputSpec(String type, String path, String mode, String description) {}

  /** An output; {@code path} is read only to refuse it (outputs go to the run's artifacts). */
  @Spec
  record OutputSpec(String type, String mode, String path, String description) {}

  /**
   * An environment written into the job. {@code build} is read only to refuse it: Kiln builds
   * environments from an image and requirements, not from a Docker build context.
   */
  @Spec
  record InlineEnvironment(
      String image,
      @JsonProperty("conda_file") JsonNode condaFile,
      @JsonProperty("pip_requirements") List<String> pipRequirements,
      @JsonProperty("python_version") String pythonVersion,
      @JsonProperty("environment_variables") Map<String, String> environmentVariables,
      String description,
      Map<String, String> tags,
      JsonNode build) {}
}
