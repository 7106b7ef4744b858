package dev.kiln.cli.workspace;

import dev.kiln.cli.GroupCommand;
import dev.kiln.cli.workspace.member.MemberCommand;
import picocli.CommandLine.Command;

/**
 * {@code kiln workspace} (alias {@code ws}): create, list, show and delete workspaces, and manage
 * their members ({@code kiln workspace member}).
 */
@Command(
    name = "workspace",
    aliases = "ws",
    description = "Create, list, show and delete workspaces; manage their members.",
    subcommands = {
      CreateWorkspaceCommand.class,
      ListWorkspacesCommand.class,
      ShowWorkspaceCommand.class,
      DeleteWorkspaceCommand.class,
      MemberCommand.class
    })
public final class WorkspaceCommand extends GroupCommand {}
