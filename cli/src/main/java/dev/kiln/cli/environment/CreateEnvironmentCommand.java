package dev.kiln.cli.environment;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.HelpOption;
import dev.kiln.cli.asset.AssetPaths;
import dev.kiln.cli.asset.AssetSpec;
import dev.kiln.cli.asset.AssetSpecOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kiln environment create -f <file> [--name N] [--version V] [--set key=value ...]}:
 * registers a version of an environment, with the local files its spec names inlined.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = false,
    description = {
      "Register a version of an environment in the workspace from a YAML or JSON spec.",
      "conda_file is a path relative to the spec file's folder; the file's text is sent.",
      "pip_requirements is a list, or the path of a requirements file (its name ending with"
          + " .txt) whose lines, without blank lines and comments, are sent as the list.",
      "Without a version (--version or the spec's 'version') the server picks the next one; the"
          + " same content under an existing version is accepted again, other content is a"
          + " conflict (exit 6)."
    },
    footer = {
      "",
      "Example spec (env.yml):",
      "  name: sklearn-env",
      "  image: python:3.11-slim",
      "  conda_file: conda.yaml",
      "",
      "  kiln -w demo env create -f env.yml"
    })
final class CreateEnvironmentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin AssetSpecOptions options;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    AssetSpec environment = request();
    context
        .printer()
        .object(AssetPaths.ENVIRONMENTS.register(context.api(), workspace, environment));
    return 0;
  }

  /** The spec to send, its local files inlined; problems are usage errors (exit 2). */
  AssetSpec request() {
    AssetSpec environment = options.read(Environments.KIND);
    try {
      LocalFiles.inline(environment);
    } catch (IllegalArgumentException e) {
      throw options.usage(e.getMessage());
    }
    return environment;
  }
}
