package dev.kiln.cli.datastore;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code kiln datastore} (alias {@code ds}): create, list, show, delete and test the datastores of
 * the selected workspace ({@code -w <workspace>}).
 */
@Command(
    name = "datastore",
    aliases = "ds",
    description =
        "Create, list, show, delete and test the datastores of a workspace (chosen with -w).",
    subcommands = {
      CreateDatastoreCommand.class,
      ListDatastoresCommand.class,
      ShowDatastoreCommand.class,
      DeleteDatastoreCommand.class,
      TestDatastoreCommand.class
    })
public final class DatastoreCommand extends GroupCommand {}
