package dev.kiln.cli.token;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.CliContext;
import dev.kiln.cli.output.OutputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln token revoke <id>}: the token stops working at once. */
@Command(name = "revoke", description = "Revoke an access token.")
final class RevokeTokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<id>",
      description = "Id of the token (see 'kiln token list').")
  String id;

  @Override
  public Integer call() {
    String token = Arguments.requireNonBlank(spec, id, "token id");
    CliContext context = CliContext.of(spec);
    context.api().delete(Tokens.path(token));
    if (context.printer().format() == OutputFormat.TABLE) {
      context.printer().message("Revoked token '" + token + "'.");
    }
    return 0;
  }
}
