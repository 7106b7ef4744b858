package dev.kiln.cli.snapshot;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kiln snapshot}: upload a code folder as a content-addressed snapshot. */
@Command(
    name = "snapshot",
    description =
        "Upload a code folder of the workspace (chosen with -w) as a snapshot, as jobs do with"
            + " their code.",
    subcommands = {CreateSnapshotCommand.class})
public final class SnapshotCommand extends GroupCommand {}
