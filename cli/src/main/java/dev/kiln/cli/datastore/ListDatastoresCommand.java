package dev.kiln.cli.datastore;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.http.Pages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kiln datastore list}: every datastore of the selected workspace, all pages. */
@Command(name = "list", description = "List the datastores of the workspace.")
final class ListDatastoresCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    Datastores.printer(context)
        .list(
            Pages.collect(context.api(), Datastores.collection(workspace), null),
            Datastores.COLUMNS);
    return 0;
  }
}
