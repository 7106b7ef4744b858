package dev.kiln.cli.token;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kiln token create [--name <name>] [--expires-in-days <days>]}: a new token for the caller,
 * printed once with its secret.
 */
@Command(name = "create", description = "Create an access token; its secret is shown only once.")
final class CreateTokenCommand implements Callable<Integer> {

  static final int MIN_DAYS = 1;
  static final int MAX_DAYS = 3650;

  @Spec CommandSpec spec;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      defaultValue = "cli",
      description = "Name of the token (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--expires-in-days",
      paramLabel = "<days>",
      description = "Days until it expires, 1 to 3650 (default: the server's).")
  Integer expiresInDays;

  @Override
  public Integer call() {
    CreateTokenRequest request = request();
    CliContext context = CliContext.of(spec);
    NewToken.print(
        context.printer(), context.err(), context.api().post(Tokens.COLLECTION, request));
    return 0;
  }

  /** The request the options ask for; invalid options are usage errors. */
  CreateTokenRequest request() {
    if (expiresInDays != null && (expiresInDays < MIN_DAYS || expiresInDays > MAX_DAYS)) {
      throw new ParameterException(
          spec.commandLine(),
          "--expires-in-days must be between "
              + MIN_DAYS
              + " and "
              + MAX_DAYS
              + ", was "
              + expiresInDays);
    }
    return new CreateTokenRequest(
        Arguments.requireNonBlank(spec, name, "token name"), expiresInDays);
  }
}
