package dev.kiln.cli.job;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.data.Uploader;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln job create -f job.yml [--name N] [--set key=value ...] [--stream]}: submits a command
 * job written in the Azure ML v2 dialect. Everything local is checked before anything is sent, so
 * that a missing file fails with exit 2 and leaves nothing on the server; then the local code
 * folder is uploaded as a snapshot, local inputs to the workspaceblobstore, and the job is posted.
 */
@Command(
    name = "create",
    description = {
      "Submit a command job of the workspace from a YAML or JSON spec (the Azure ML v2"
          + " commandJob dialect).",
      "A local 'code' folder (relative to the spec file's folder) is uploaded as a snapshot,"
          + " leaving out what .amlignore or .gitignore name; its git facts are recorded as"
          + " properties. Inputs with a local 'path' are uploaded to the workspaceblobstore under"
          + " LocalUpload/<content hash>/. Files already uploaded are not sent again.",
      "An inline environment's conda_file is read and sent as text; an environment 'build' is"
          + " not supported yet.",
      "Prints the job's name and status, or with --stream follows its log like 'kiln job"
          + " stream' and exits with 0 when it completed, 1 when it failed or was canceled."
    },
    footer = {
      "",
      "Example:",
      "  kiln -w demo job create -f job.yml --set inputs.alpha=0.5 --stream"
    })
final class CreateJobCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "<file>",
      required = true,
      description = "The job spec: one YAML document, or JSON when the name ends in .json.")
  Path file;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "Name of the job (default: the spec's name, else one the server picks).")
  String name;

  @Option(
      names = "--set",
      paramLabel = "<key=value>",
      description =
          "Override a key of the spec, e.g. inputs.alpha=0.5, compute=azureml:cpu-pool or"
              + " limits.timeout=60; repeatable; values are read as YAML scalars (numbers,"
              + " true/false, text).")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--stream",
      description = "Follow the job's log until it ends and exit with its outcome.")
  boolean stream;

  /**
   * A job ready to be sent once its local files are uploaded.
   *
   * @param spec the spec, environment files already inlined
   * @param code the local code folder, if any
   * @param inputs the inputs with a local path
   */
  record Prepared(JobSpec spec, Optional<JobCode> code, List<LocalInput> inputs) {}

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    Prepared prepared = prepare();
    ApiClient api = context.api();
    prepared.code().ifPresent(code -> code.upload(api, workspace, context.err()));
    if (!prepared.inputs().isEmpty()) {
      Uploader uploader = new Uploader(api, workspace, context.err());
      prepared.inputs().forEach(input -> input.upload(uploader));
    }
    JsonNode created = api.post(Jobs.collection(workspace), prepared.spec().body());
    String job = created.path("name").asString();
    String status = created.path("status").asString("");
    Printer printer = context.printer();
    if (printer.format() != OutputFormat.TABLE) {
      printer.object(created);
    } else if (!stream) {
      printer.message("Created job '" + job + "' (" + status + ").");
      printer.message("Follow its log with: kiln -w " + workspace + " job stream " + job);
    }
    if (!stream) {
      return 0;
    }
    context.err().println("Created job '" + job + "' (" + status + "); following its log.");
    context.err().flush();
    return StreamJobCommand.follow(context, workspace, job);
  }

  /**
   * Reads the spec and finds, checks and hashes its local files, without sending anything.
   *
   * @throws ParameterException (exit 2) for a bad {@code --set} or {@code --name}
   * @throws dev.kiln.cli.error.CliException (exit 2) for a file that is missing or unreadable
   */
  Prepared prepare() {
    JobSpec job;
    try {
      job = JobSpec.read(file, name, overrides);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    InlineEnvironment.inline(job);
    LocalInput.refuseLocalOutputs(job);
    return new Prepared(job, JobCode.find(job), LocalInput.find(job));
  }
}
