package dev.kiln.cli.workspace.member;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.http.Pages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kiln workspace member list}: every member of the selected workspace, all pages. */
@Command(name = "list", description = "List the members of the workspace.")
final class ListMembersCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context
        .printer()
        .list(Pages.collect(context.api(), Members.collection(workspace), null), Members.COLUMNS);
    return 0;
  }
}
