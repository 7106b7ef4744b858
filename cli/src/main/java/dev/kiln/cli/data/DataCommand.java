package dev.kiln.cli.data;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code kiln data}: register (uploading local files first), list, show, archive, restore and
 * download the data assets of the selected workspace ({@code -w <workspace>}).
 */
@Command(
    name = "data",
    description =
        "Register, list, show, archive, restore and download the data assets of a workspace"
            + " (chosen with -w).",
    subcommands = {
      CreateDataCommand.class,
      ListDataCommand.class,
      ShowDataCommand.class,
      ArchiveDataCommand.class,
      RestoreDataCommand.class,
      DownloadDataCommand.class
    })
public final class DataCommand extends GroupCommand {}
