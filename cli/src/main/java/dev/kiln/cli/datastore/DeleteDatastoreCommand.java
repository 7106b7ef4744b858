package dev.kiln.cli.datastore;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln datastore delete <name> [--yes]}: asks for confirmation on an interactive console;
 * without one, {@code --yes} is required (usage error otherwise).
 */
@Command(name = "delete", description = "Delete a datastore of the workspace.")
final class DeleteDatastoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the datastore.")
  String name;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    String datastore = Datastores.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    return context.deleteConfirmed(
        spec,
        yes,
        "datastore '" + datastore + "' of workspace '" + workspace + "'",
        Datastores.path(workspace, datastore));
  }
}
