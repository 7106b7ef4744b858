package dev.kiln.cli.compute;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln compute delete <name> [--yes]}: asks for confirmation on an interactive console;
 * without one, {@code --yes} is required (usage error otherwise). The server refuses while jobs are
 * queued or running on the target.
 */
@Command(
    name = "delete",
    description = {
      "Delete a compute target of the workspace.",
      "Refused while jobs are queued or running on it."
    })
final class DeleteComputeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the compute.")
  String name;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    String compute = Computes.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    return context.deleteConfirmed(
        spec,
        yes,
        "compute '" + compute + "' of workspace '" + workspace + "'",
        Computes.path(workspace, compute));
  }
}
