package dev.kiln.cli.metric;

import dev.kiln.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kiln metric}: the metrics of the jobs of the selected workspace. */
@Command(
    name = "metric",
    description = "Show the metrics of the jobs of a workspace (chosen with -w).",
    subcommands = {ShowMetricCommand.class})
public final class MetricCommand extends GroupCommand {}
