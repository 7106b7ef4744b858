package dev.kiln.common.events;

import java.util.List;
import java.util.Map;

/**
 * A command job as run-service accepted it, with every reference resolved: what compute-service
 * needs to run it and nothing it would have to look up again. The command still holds its {@code
 * ${{inputs.x}}} and {@code ${{outputs.y}}} expressions; compute-service replaces them with the
 * paths the workload sees.
 *
 * @param command the command line, run by a shell in the snapshot's folder
 * @param snapshotId the code snapshot, or null for a job without code
 * @param compute the compute target's name
 * @param environment the resolved environment
 * @param inputs by name
 * @param outputs by name
 * @param environmentVariables set for the command, over the environment's own
 * @param timeoutSeconds {@code limits.timeout}, or null for none
 * @param instanceCount {@code resources.instance_count}, at least 1
 * @param distribution how the instances cooperate, or null for a single process
 * @param priority higher runs first; 0 is the default
 */
public record SubmittedJob(
    String command,
    String snapshotId,
    String compute,
    Environment environment,
    Map<String, Input> inputs,
    Map<String, Output> outputs,
    Map<String, String> environmentVariables,
    Long timeoutSeconds,
    int instanceCount,
    Distribution distribution,
    int priority) {

  /**
   * An environment version as workspace-service resolved it (ADR 0011).
   *
   * @param reference {@code azureml:<name>:<version>}
   * @param contentHash what materialised environments are cached by
   */
  public record Environment(
      String reference,
      String image,
      String pythonVersion,
      List<String> pipRequirements,
      Map<String, String> environmentVariables,
      String contentHash) {}

  /**
   * One input. {@code type} is {@code literal}, {@code uri_file} or {@code uri_folder}. A literal
   * has a {@code value}; a file or folder has either a {@code datastore} and a {@code path} in it,
   * or an {@code https://} {@code url}. {@code mode} is {@code download} (the only mode this
   * platform materialises; {@code ro_mount} is read as download).
   */
  public record Input(
      String type, String value, String datastore, String path, String url, String mode) {}

  /**
   * One named output; the runner uploads the folder (or file) to the run's artifacts under {@code
   * named-outputs/<name>/}.
   */
  public record Output(String type, String mode) {}

  /**
   * {@code type} is {@code pytorch}, {@code mpi} or {@code tensorflow}; {@code processCount} is the
   * processes per instance (pytorch's {@code process_count_per_instance}, mpi's {@code
   * process_count_per_instance}, tensorflow's {@code worker_count} spread over instances).
   */
  public record Distribution(String type, int processCount) {}
}
