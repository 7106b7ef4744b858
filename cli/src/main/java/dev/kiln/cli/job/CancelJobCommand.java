package dev.kiln.cli.job;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln job cancel <name>}: asks the server to cancel the job and prints it. A job that had
 * already ended keeps its status; a line on stderr says so, and the command still succeeds.
 */
@Command(
    name = "cancel",
    description = {
      "Cancel a job of the workspace and show it.",
      "A job that has already ended keeps its status (a note on stderr says so)."
    })
final class CancelJobCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the job.")
  String name;

  @Override
  public Integer call() {
    String job = Jobs.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    JsonNode run = context.api().post(Jobs.cancelPath(workspace, job));
    JobStatus status = JobStatus.parse(run.path("status").asString(null)).orElse(null);
    if (status != null && status.terminal() && status != JobStatus.CANCELED) {
      context
          .err()
          .println(
              "Job '" + job + "' had already ended (" + status.label() + "); it was not canceled.");
      context.err().flush();
    }
    context.printer().object(run);
    return 0;
  }
}
