package dev.kiln.cli.datastore;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.output.OutputFormat;
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
    String which = "datastore '" + datastore + "' of workspace '" + workspace + "'";
    if (!yes && !context.confirm(spec, "delete " + which)) {
      context.err().println("kiln: not confirmed; " + which + " was not deleted");
      return ExitCode.UNEXPECTED.code();
    }
    context.api().delete(Datastores.path(workspace, datastore));
    if (context.printer().format() == OutputFormat.TABLE) {
      context.printer().message("Deleted " + which + ".");
    }
    return 0;
  }
}
