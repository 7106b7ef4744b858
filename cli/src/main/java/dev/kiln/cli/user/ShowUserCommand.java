package dev.kiln.cli.user;

import dev.kiln.cli.CliContext;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln user show me}: the user that the current token belongs to. The API shows only the
 * caller ({@code GET /api/v1/users/me}), so {@code me} is the only name accepted.
 */
@Command(name = "show", description = "Show the current user: 'kiln user show me'.")
final class ShowUserCommand implements Callable<Integer> {

  static final String ME = "me";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<user>", description = "'me', the current user.")
  String user;

  @Override
  public Integer call() {
    if (!ME.equals(user.strip().toLowerCase(Locale.ROOT))) {
      throw new ParameterException(
          spec.commandLine(),
          "only the current user can be shown: run 'kiln user show me' or 'kiln user whoami'");
    }
    CliContext context = CliContext.of(spec);
    context.printer().object(context.api().get(Users.ME));
    return 0;
  }
}
