package dev.kiln.cli.environment;

import dev.kiln.cli.LimitOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kiln environment list [--name N] [--limit n]}: the environments of the workspace, or every
 * version of one; columns NAME, VERSION, CURATED, HASH, CREATED.
 */
@Command(
    name = "list",
    description = {
      "List the environments of the workspace, curated ones included.",
      "With --name, list every version of that environment instead."
    })
final class ListEnvironmentsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin LimitOption limit;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "List the versions of this environment.")
  String name;

  @Override
  public Integer call() {
    return Environments.ASSET.list(spec, name, limit);
  }
}
