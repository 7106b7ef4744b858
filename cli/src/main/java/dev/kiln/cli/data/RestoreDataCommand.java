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

/** {@code kiln data restore <name> --version V}: undoes {@code kiln data archive}. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = false,
    description = "Restore an archived version of a data asset.")
final class RestoreDataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the data asset.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "<version>",
      required = true,
      description = "The version to restore.")
  String version;

  @Override
  public Integer call() {
    String asset = DataAssets.requireName(spec, name);
    String wanted = DataAssets.requireVersion(spec, version);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context.printer().object(context.api().post(AssetPaths.DATA.restore(workspace, asset, wanted)));
    return 0;
  }
}
