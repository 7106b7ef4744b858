package dev.kiln.cli.config;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kiln config}: read and write {@code $KILN_HOME/config.yaml}. */
@Command(
    name = "config",
    description = "Show or change the CLI settings in $KILN_HOME/config.yaml.",
    subcommands = {SetConfigCommand.class, ShowConfigCommand.class})
public final class ConfigCommand extends GroupCommand {}
