package dev.kiln.cli.datastore;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln datastore show <name>}: one datastore; whether it has credentials, never them. */
@Command(name = "show", description = "Show one datastore of the workspace.")
final class ShowDatastoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the datastore.")
  String name;

  @Override
  public Integer call() {
    String datastore = Datastores.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    Datastores.printer(context).object(context.api().get(Datastores.path(workspace, datastore)));
    return 0;
  }
}
