package dev.kiln.cli.workspace;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln workspace show <name>}. */
@Command(name = "show", description = "Show one workspace.")
final class ShowWorkspaceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the workspace.")
  String name;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String path = Workspaces.path(Workspaces.requireName(spec, name));
    context.printer().object(context.api().get(path));
    return 0;
  }
}
