package dev.kiln.cli.job;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.CliContext;
import dev.kiln.cli.LimitOption;
import dev.kiln.cli.http.Pages;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln job list [--experiment E] [--status S] [--limit n | --all]}: the jobs of the
 * workspace, newest first; the newest {@value #DEFAULT_LIMIT} unless told otherwise.
 */
@Command(
    name = "list",
    description = {
      "List the jobs of the workspace, newest first: NAME, DISPLAY NAME, EXPERIMENT, STATUS,"
          + " CREATED, DURATION.",
      "Shows the newest " + ListJobsCommand.DEFAULT_LIMIT + " unless --limit or --all is given."
    })
final class ListJobsCommand implements Callable<Integer> {

  static final int DEFAULT_LIMIT = 50;

  @Spec CommandSpec spec;

  @Mixin LimitOption limit;

  @Option(names = "--all", description = "List every job (all pages).")
  boolean all;

  @Option(
      names = "--experiment",
      paramLabel = "<name>",
      description = "Only the jobs of this experiment.")
  String experiment;

  @Option(
      names = "--status",
      paramLabel = "<status>",
      description =
          "Only the jobs in this status: NotStarted, Queued, Preparing, Running, Finalizing,"
              + " Completed, Failed or Canceled (any case).")
  String status;

  @Override
  public Integer call() {
    Integer max = limit.value();
    if (all && max != null) {
      throw new ParameterException(spec.commandLine(), "--all and --limit cannot be combined");
    }
    Map<String, String> filter = new LinkedHashMap<>();
    if (experiment != null) {
      filter.put("experiment", Arguments.requireNonBlank(spec, experiment, "experiment name"));
    }
    if (status != null) {
      filter.put("status", statusLabel());
    }
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    boolean defaultLimit = !all && max == null;
    // One job more than shown tells whether the default limit hid some.
    Integer wanted = all ? null : defaultLimit ? DEFAULT_LIMIT + 1 : max;
    List<JsonNode> jobs = Pages.collect(context.api(), Jobs.collection(workspace), filter, wanted);
    if (defaultLimit && jobs.size() > DEFAULT_LIMIT) {
      jobs = jobs.subList(0, DEFAULT_LIMIT);
      context
          .err()
          .println(
              "Showing the newest "
                  + DEFAULT_LIMIT
                  + " jobs; pass --all or --limit <n> to see more.");
      context.err().flush();
    }
    context.printer().list(jobs, Jobs.columns(Clock.systemUTC()));
    return 0;
  }

  private String statusLabel() {
    return JobStatus.parse(status)
        .map(JobStatus::label)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "unknown status '"
                        + status.strip()
                        + "'; expected one of "
                        + JobStatus.labels()));
  }
}
