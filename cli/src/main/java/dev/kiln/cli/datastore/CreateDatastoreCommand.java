package dev.kiln.cli.datastore;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.spec.Assignment;
import dev.kiln.cli.spec.SpecFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln datastore create -f <file> [--name <name>] [--set key=value ...]}: creates the
 * datastore the spec file describes in the selected workspace, or replaces the one of that name.
 */
@Command(
    name = "create",
    description = {
      "Create a datastore in the workspace from a YAML or JSON spec, or replace the one of that"
          + " name.",
      "Credentials (credentials.access_key_id, credentials.secret_access_key) are stored"
          + " encrypted and are never shown again, by this or any other command.",
      "Values are sent as written: $${VAR} is not expanded."
    },
    footer = {
      "",
      "Example spec (lake.yml):",
      "  name: lake",
      "  type: s3",
      "  endpoint: https://minio.internal:9000",
      "  bucket: training-data",
      "  credentials:",
      "    access_key_id: AKIA...",
      "",
      "  kiln -w demo datastore create -f lake.yml \\",
      "      --set credentials.secret_access_key=\"$SECRET\""
    })
final class CreateDatastoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "<file>",
      required = true,
      description = "The spec: one YAML document, or JSON when the name ends in .json.")
  Path file;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "Name of the datastore (default: the spec's name).")
  String name;

  @Option(
      names = "--set",
      paramLabel = "<key=value>",
      description =
          "Override a key of the spec, e.g. bucket=other or credentials.secret_access_key=...;"
              + " repeatable; values are strings.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    DatastoreRequest request = request();
    JsonNode saved = context.api().put(Datastores.path(workspace, request.name()), request.body());
    Datastores.printer(context).object(saved);
    return 0;
  }

  /** The request that the file and options ask for; problems are usage errors (exit 2). */
  DatastoreRequest request() {
    List<Assignment> assignments = new ArrayList<>();
    try {
      for (String override : overrides) {
        assignments.add(Assignment.parse(override));
      }
      return DatastoreRequest.of(
          SpecFile.read(file, Datastores.SPEC), name, assignments, "'" + file + "'");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
