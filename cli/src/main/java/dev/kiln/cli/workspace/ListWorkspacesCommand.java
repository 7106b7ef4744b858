package dev.kiln.cli.workspace;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.LimitOption;
import dev.kiln.cli.http.Pages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kiln workspace list [--limit N]}: follows the {@code next} cursor until the last page, or
 * until {@code N} workspaces were read.
 */
@Command(name = "list", description = "List workspaces.")
final class ListWorkspacesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin LimitOption limit;

  @Override
  public Integer call() {
    Integer most = limit.value();
    CliContext context = CliContext.of(spec);
    context
        .printer()
        .list(Pages.collect(context.api(), Workspaces.COLLECTION, most), Workspaces.COLUMNS);
    return 0;
  }
}
