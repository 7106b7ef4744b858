package dev.kiln.cli.data;

import dev.kiln.cli.LimitOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kiln data list [--name N] [--limit n]}: the latest version of each data asset of the
 * workspace, or every version of one.
 */
@Command(
    name = "list",
    description = {
      "List the data assets of the workspace (the latest version of each that is not archived).",
      "With --name, list every version of that data asset instead."
    })
final class ListDataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin LimitOption limit;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "List the versions of this data asset.")
  String name;

  @Override
  public Integer call() {
    return DataAssets.ASSET.list(spec, name, limit);
  }
}
