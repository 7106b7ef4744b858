package dev.kiln.cli.data;

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
final class ArchiveDataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the data asset.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "<version>",
      required = true,
      description = "The version to archive.")
  String version;

  @Override
  public Integer call() {
    String asset = DataAssets.requireName(spec, name);
    String wanted = DataAssets.requireVersion(spec, version);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context.printer().object(context.api().post(AssetPaths.DATA.archive(workspace, asset, wanted)));
    return 0;
  }
}
