package dev.kiln.cli.environment;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code kiln environment} (alias {@code env}): register, list, show and archive the environments
 * of the selected workspace ({@code -w <workspace>}).
 */
@Command(
    name = "environment",
    aliases = "env",
    description =
        "Register, list, show and archive the environments of a workspace (chosen with -w).",
    subcommands = {
      CreateEnvironmentCommand.class,
      ListEnvironmentsCommand.class,
      ShowEnvironmentCommand.class,
      ArchiveEnvironmentCommand.class
    })
public final class EnvironmentCommand extends GroupCommand {}
