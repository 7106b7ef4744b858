package dev.kiln.cli.environment;

import dev.kiln.cli.asset.AssetVersionCommand;
import dev.kiln.cli.asset.RequiredVersionOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln environment archive <name> --version V}: hides a version from {@code list} and {@code
 * latest}; jobs that name it by version still find it.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = false,
    description = "Archive one version of an environment: 'list' and 'latest' no longer show it.")
final class ArchiveEnvironmentCommand extends AssetVersionCommand {

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the environment.")
  String name;

  @Mixin RequiredVersionOption version;

  @Override
  public Integer call() {
    return Environments.ASSET.archive(spec, name, version.value());
  }
}
