package dev.kiln.cli.compute;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.http.Pages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kiln compute list}: every compute target of the selected workspace, all pages, with its
 * nodes now and its bounds, busy slots, queued and running jobs.
 */
@Command(name = "list", description = "List the compute targets of the workspace.")
final class ListComputesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context
        .printer()
        .list(Pages.collect(context.api(), Computes.collection(workspace), null), Computes.COLUMNS);
    return 0;
  }
}
