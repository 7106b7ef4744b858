package dev.kiln.cli.data;

import dev.kiln.cli.asset.AssetVersionCommand;
import dev.kiln.cli.asset.RequiredVersionOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kiln data restore <name> --version V}: undoes {@code kiln data archive}. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = false,
    description = "Restore an archived version of a data asset.")
final class RestoreDataCommand extends AssetVersionCommand {

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the data asset.")
  String name;

  @Mixin RequiredVersionOption version;

  @Override
  public Integer call() {
    return DataAssets.ASSET.restore(spec, name, version.value());
  }
}
