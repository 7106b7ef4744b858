package dev.kiln.cli.user;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kiln user}: create and list users, show who you are. */
@Command(
    name = "user",
    description = "Create and list users; show who you are.",
    subcommands = {
      CreateUserCommand.class,
      ListUsersCommand.class,
      ShowUserCommand.class,
      WhoAmICommand.class
    })
public final class UserCommand extends GroupCommand {}
