package dev.kiln.cli.data;

import dev.kiln.cli.asset.AssetVersionCommand;
import dev.kiln.cli.asset.RequiredVersionOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln data archive <name> --version V}: hides a version from {@code list} and {@code
 * latest}; it can still be shown, used and restored.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = false,
    description = {
      "Archive one version of a data asset: 'list' and 'latest' no longer show it; it can still"
          + " be shown by its version, and 'kiln data restore' brings it back."
    })
final class ArchiveDataCommand extends AssetVersionCommand {

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the data asset.")
  String name;

  @Mixin RequiredVersionOption version;

  @Override
  public Integer call() {
    return DataAssets.ASSET.archive(spec, name, version.value());
  }
}
