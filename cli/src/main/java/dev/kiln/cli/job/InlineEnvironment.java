package dev.kiln.cli.job;

import dev.kiln.cli.asset.AssetSpec;
import dev.kiln.cli.environment.LocalFiles;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job's inline environment ({@code environment:} a mapping with {@code image}, {@code
 * conda_file}, {@code pip_requirements}), with its local files put into the spec as {@code kiln
 * environment create} puts them: the conda file's text, the requirements file's lines. The server
 * registers it as an anonymous environment. An environment built from a Docker context ({@code
 * build}) is refused: the platform does not build those yet.
 */
final class InlineEnvironment {

  static final String ENVIRONMENT = "environment";
  static final String BUILD = "build";

  private InlineEnvironment() {}

  /**
   * Inlines the files of {@code spec}'s environment when it is a mapping, in place; a reference
   * ({@code azureml:sklearn-env@latest}, a curated name) is left for the server.
   *
   * @throws CliException (exit 2) for a {@code build}, a file that cannot be read, or a key of the
   *     wrong kind
   */
  static void inline(JobSpec spec) {
    JsonNode environment = spec.body().get(ENVIRONMENT);
    if (!(environment instanceof ObjectNode mapping)) {
      return;
    }
    if (mapping.has(BUILD)) {
      throw new CliException(
          ExitCode.USAGE,
          "'"
              + ENVIRONMENT
              + "."
              + BUILD
              + "' in "
              + spec.source()
              + ": environments built from a Docker context are not supported yet; use 'image'"
              + " (with 'conda_file') or a registered environment, azureml:<name>@latest");
    }
    try {
      // The environment's files are relative to the job spec, as the asset's are to its own file.
      LocalFiles.inline(new AssetSpec(ENVIRONMENT, ENVIRONMENT, null, mapping, spec.file()));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage());
    }
  }
}
