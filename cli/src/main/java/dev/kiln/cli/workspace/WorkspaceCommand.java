package dev.kiln.cli.workspace;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kiln workspace} (alias {@code ws}): create, list, show and delete workspaces. */
@Command(
    name = "workspace",
    aliases = "ws",
    description = "Create, list, show and delete workspaces.",
    subcommands = {
      CreateWorkspaceCommand.class,
      ListWorkspacesCommand.class,
      ShowWorkspaceCommand.class,
      DeleteWorkspaceCommand.class
    })
public final class WorkspaceCommand extends GroupCommand {}
