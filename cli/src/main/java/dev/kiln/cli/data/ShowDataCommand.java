package dev.kiln.cli.data;

import dev.kiln.cli.asset.AssetVersionCommand;
import dev.kiln.cli.asset.LatestVersionOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln data show <name> [--version V]}: one version of a data asset, the latest by default.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = false,
    description = "Show one version of a data asset of the workspace.")
final class ShowDataCommand extends AssetVersionCommand {

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the data asset.")
  String name;

  @Mixin LatestVersionOption version;

  @Override
  public Integer call() {
    return DataAssets.ASSET.show(spec, name, version.value());
  }
}
