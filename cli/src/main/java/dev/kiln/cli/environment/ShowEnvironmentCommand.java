package dev.kiln.cli.environment;

import dev.kiln.cli.asset.AssetVersionCommand;
import dev.kiln.cli.asset.LatestVersionOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln environment show <name> [--version V]}: one version of an environment, the latest by
 * default, with every field the server sends.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = false,
    description = "Show one version of an environment of the workspace.")
final class ShowEnvironmentCommand extends AssetVersionCommand {

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the environment.")
  String name;

  @Mixin LatestVersionOption version;

  @Override
  public Integer call() {
    return Environments.ASSET.show(spec, name, version.value());
  }
}
