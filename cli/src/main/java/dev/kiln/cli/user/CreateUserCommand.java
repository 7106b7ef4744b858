package dev.kiln.cli.user;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln user create <name> [--display-name <text>] [--admin]}: prints the new user and its
 * first access token, whose secret is shown only this once.
 */
@Command(
    name = "create",
    description = "Create a user and its first access token (shown only once).")
final class CreateUserCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the new user.")
  String name;

  @Option(names = "--display-name", paramLabel = "<text>", description = "Name shown to people.")
  String displayName;

  @Option(names = "--admin", description = "Make the user a platform administrator.")
  boolean admin;

  @Override
  public Integer call() {
    CreateUserRequest request =
        new CreateUserRequest(
            Arguments.requireNonBlank(spec, name, "user name"), displayName, admin);
    CliContext context = CliContext.of(spec);
    Users.printCreated(
        context.printer(), context.err(), context.api().post(Users.COLLECTION, request));
    return 0;
  }
}
