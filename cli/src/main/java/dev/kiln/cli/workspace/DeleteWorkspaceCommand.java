package dev.kiln.cli.workspace;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln workspace delete <name> [--yes]}: asks for confirmation on an interactive console;
 * without one, {@code --yes} is required (usage error otherwise).
 */
@Command(name = "delete", description = "Delete a workspace.")
final class DeleteWorkspaceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the workspace.")
  String name;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    String workspace = Workspaces.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    return context.deleteConfirmed(
        spec, yes, "workspace '" + workspace + "'", Workspaces.path(workspace));
  }
}
