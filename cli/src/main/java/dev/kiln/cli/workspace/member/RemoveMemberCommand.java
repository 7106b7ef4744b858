package dev.kiln.cli.workspace.member;

import dev.kiln.cli.Arguments;
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
 * {@code kiln workspace member remove <user> [--yes]}: asks for confirmation on an interactive
 * console; without one, {@code --yes} is required (usage error otherwise).
 */
@Command(name = "remove", description = "Remove a user from the workspace.")
final class RemoveMemberCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<user>", description = "Name of the user.")
  String user;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    String name = Arguments.requireNonBlank(spec, user, "user name");
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    String membership = "'" + name + "' from workspace '" + workspace + "'";
    if (!yes && !context.confirm(spec, "remove " + membership)) {
      context
          .err()
          .println(
              "kiln: not confirmed; '"
                  + name
                  + "' is still a member of workspace '"
                  + workspace
                  + "'");
      return ExitCode.UNEXPECTED.code();
    }
    context.api().delete(Members.path(workspace, name));
    if (context.printer().format() == OutputFormat.TABLE) {
      context.printer().message("Removed " + membership + ".");
    }
    return 0;
  }
}
