package dev.kiln.cli.user;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kiln user whoami}: the same as {@code kiln user show me}. */
@Command(name = "whoami", description = "Show the current user (same as 'kiln user show me').")
final class WhoAmICommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    context.printer().object(context.api().get(Users.ME));
    return 0;
  }
}
