package dev.kiln.cli.token;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kiln token}: create, list and revoke your access tokens. */
@Command(
    name = "token",
    description = "Create, list and revoke your access tokens.",
    subcommands = {CreateTokenCommand.class, ListTokensCommand.class, RevokeTokenCommand.class})
public final class TokenCommand extends GroupCommand {}
