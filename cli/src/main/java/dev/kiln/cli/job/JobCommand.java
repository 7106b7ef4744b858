package dev.kiln.cli.job;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code kiln job}: submit, list, show, cancel, follow and download the jobs (runs) of the selected
 * workspace ({@code -w <workspace>}).
 */
@Command(
    name = "job",
    description =
        "Submit, list, show, cancel, follow the log of and download the artifacts of the jobs"
            + " of a workspace (chosen with -w).",
    subcommands = {
      CreateJobCommand.class,
      ListJobsCommand.class,
      ShowJobCommand.class,
      StreamJobCommand.class,
      DownloadJobCommand.class,
      CancelJobCommand.class
    })
public final class JobCommand extends GroupCommand {}
