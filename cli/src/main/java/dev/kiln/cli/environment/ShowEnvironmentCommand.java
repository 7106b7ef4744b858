package dev.kiln.cli.environment;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.HelpOption;
import dev.kiln.cli.asset.AssetPaths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln environment show <name> [--version V]}: one version of an environment, the latest by
 * default, with every field the server sends.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = false,
    description = "Show one version of an environment of the workspace.")
final class ShowEnvironmentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the environment.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "<version>",
      defaultValue = AssetPaths.LATEST,
      description = "The version (default: ${DEFAULT-VALUE}, the newest not archived).")
  String version;

  @Override
  public Integer call() {
    String environment = Environments.requireName(spec, name);
    String wanted = Environments.requireVersion(spec, version);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context
        .printer()
        .object(context.api().get(AssetPaths.ENVIRONMENTS.version(workspace, environment, wanted)));
    return 0;
  }
}
