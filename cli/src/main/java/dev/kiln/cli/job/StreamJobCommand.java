package dev.kiln.cli.job;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.error.ExitCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln job stream <name>}: prints the job's log as it is written until the job ends, and
 * exits with its outcome, as {@code az ml job stream} does: 0 when it completed, 1 when it failed
 * (with its error on stderr) or was canceled.
 */
@Command(
    name = "stream",
    description = {
      "Print the log of a job as it is written, until the job ends: stdout lines on stdout,"
          + " stderr and system lines on stderr. Reconnects where it left off when the"
          + " connection drops.",
      "Exits with 0 when the job completed, 1 when it failed or was canceled."
    })
final class StreamJobCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the job.")
  String name;

  @Override
  public Integer call() {
    String job = Jobs.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    return follow(context, context.requireWorkspace(spec), job);
  }

  /**
   * Prints the log of {@code job} until it ends and says how it ended, as {@code kiln job stream}
   * does; {@code kiln job create --stream} follows the job it created the same way.
   *
   * @return the exit code: 0 for a completed job, 1 otherwise
   */
  static int follow(CliContext context, String workspace, String job) {
    String ended =
        new LogFollower(context.api(), workspace, job, context.out(), context.err()).follow();
    JobStatus status = JobStatus.parse(ended).filter(JobStatus::terminal).orElse(null);
    JsonNode run = null;
    if (status != JobStatus.COMPLETED) {
      // The end event names the status only: the error, or a status it did not name, is the job's.
      run = context.api().get(Jobs.path(workspace, job));
      if (status == null) {
        status = JobStatus.parse(run.path("status").asString(null)).orElse(null);
      }
    }
    return report(context.err(), job, status, run);
  }

  /**
   * Says on {@code err} how the job ended.
   *
   * @param run the job as the server sends it (for its error), or {@code null}
   * @return the exit code: 0 for a completed job, 1 otherwise
   */
  static int report(PrintWriter err, String job, JobStatus status, JsonNode run) {
    JsonNode error = run == null ? null : run.path("error");
    String message = error == null ? "" : error.path("message").asString("");
    String code = error == null ? "" : error.path("code").asString("");
    String line;
    if (status == JobStatus.COMPLETED) {
      line = "Job '" + job + "' completed.";
    } else if (status == JobStatus.FAILED) {
      line =
          "kiln: job '"
              + job
              + "' failed"
              + (message.isEmpty() ? "" : ": " + message)
              + (code.isEmpty() ? "" : " (" + code + ")");
    } else if (status == JobStatus.CANCELED) {
      line = "kiln: job '" + job + "' was canceled" + (message.isEmpty() ? "" : ": " + message);
    } else {
      String shown =
          status != null
              ? status.label()
              : run == null ? "unknown" : run.path("status").asString("unknown");
      line = "kiln: the log stream of job '" + job + "' ended, but the job has not (" + shown + ")";
    }
    err.println(line);
    err.flush();
    return status == JobStatus.COMPLETED ? ExitCode.OK.code() : ExitCode.UNEXPECTED.code();
  }
}
