package dev.kiln.cli.workspace.member;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln workspace member add <user> --role Owner|Contributor|Reader}: adds the user to the
 * selected workspace, or changes the role of a member.
 */
@Command(name = "add", description = "Add a user to the workspace, or change their role.")
final class AddMemberCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<user>", description = "Name of the user.")
  String user;

  @Option(
      names = "--role",
      paramLabel = "<role>",
      required = true,
      converter = Role.Converter.class,
      description = "Owner, Contributor or Reader (any case).")
  Role role;

  @Override
  public Integer call() {
    String name = Arguments.requireNonBlank(spec, user, "user name");
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context
        .printer()
        .object(context.api().put(Members.path(workspace, name), new SetMemberRequest(role)));
    return 0;
  }
}
