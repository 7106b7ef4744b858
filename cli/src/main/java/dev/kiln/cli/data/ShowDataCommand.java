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
 * {@code kiln data show <name> [--version V]}: one version of a data asset, the latest by default.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = false,
    description = "Show one version of a data asset of the workspace.")
final class ShowDataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the data asset.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "<version>",
      defaultValue = AssetPaths.LATEST,
      description = "The version (default: ${DEFAULT-VALUE}, the newest not archived).")
  String version;

  @Override
  public Integer call() {
    String asset = DataAssets.requireName(spec, name);
    String wanted = DataAssets.requireVersion(spec, version);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context.printer().object(context.api().get(AssetPaths.DATA.version(workspace, asset, wanted)));
    return 0;
  }
}
