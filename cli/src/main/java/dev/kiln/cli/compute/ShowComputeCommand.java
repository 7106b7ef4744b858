package dev.kiln.cli.compute;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln compute show <name>}: one compute target, with its live figures. */
@Command(name = "show", description = "Show one compute target of the workspace.")
final class ShowComputeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the compute.")
  String name;

  @Override
  public Integer call() {
    String compute = Computes.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context.printer().object(context.api().get(Computes.path(workspace, compute)));
    return 0;
  }
}
