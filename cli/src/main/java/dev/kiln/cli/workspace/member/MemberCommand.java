package dev.kiln.cli.workspace.member;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code kiln workspace member}: add, list and remove the members of the selected workspace ({@code
 * -w <workspace>}).
 */
@Command(
    name = "member",
    description = "Add, list and remove the members of a workspace (chosen with -w).",
    subcommands = {AddMemberCommand.class, ListMembersCommand.class, RemoveMemberCommand.class})
public final class MemberCommand extends GroupCommand {}
