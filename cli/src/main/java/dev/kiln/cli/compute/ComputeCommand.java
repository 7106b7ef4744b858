package dev.kiln.cli.compute;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code kiln compute}: create, list, show and delete the compute targets of the selected workspace
 * ({@code -w <workspace>}), and show how one was used over time.
 */
@Command(
    name = "compute",
    description =
        "Create, list, show and delete the compute targets of a workspace (chosen with -w), and"
            + " show their usage over time.",
    subcommands = {
      CreateComputeCommand.class,
      ListComputesCommand.class,
      ShowComputeCommand.class,
      DeleteComputeCommand.class,
      UsageComputeCommand.class
    })
public final class ComputeCommand extends GroupCommand {}
