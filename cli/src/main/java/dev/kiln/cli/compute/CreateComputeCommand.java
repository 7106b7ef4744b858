package dev.kiln.cli.compute;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.spec.Assignment;
import dev.kiln.cli.spec.SpecFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kiln compute create -f <file> [--name <name>] [--set key=value ...]}: creates the compute
 * target the spec file describes in the selected workspace, or brings the one of that name to it.
 * Keys the server ignored (Azure-only ones such as {@code size}) are reported on stderr.
 */
@Command(
    name = "create",
    description = {
      "Create a compute target in the workspace from an Azure ML compute spec (type amlcompute:"
          + " a cluster; computeinstance: one node), or update the one of that name.",
      "Kiln keys: backend (local, docker, kubernetes), slots_per_node, resources (cpus,"
          + " memory_gb, gpus per node). Azure-only keys are ignored with a warning."
    },
    footer = {
      "",
      "Example spec (cpu-pool.yml):",
      "  $schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json",
      "  name: cpu-pool",
      "  type: amlcompute",
      "  min_instances: 0",
      "  max_instances: 4",
      "  idle_time_before_scale_down: 120",
      "",
      "  kiln -w demo compute create -f cpu-pool.yml --set max_instances=8"
    })
final class CreateComputeCommand implements Callable<Integer> {

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
      description = "Name of the compute (default: the spec's name).")
  String name;

  @Option(
      names = "--set",
      paramLabel = "<key=value>",
      description =
          "Override a key of the spec, e.g. max_instances=8 or resources.cpus=2; repeatable.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    ComputeRequest request = request();
    String path = Computes.path(workspace, request.name());
    JsonNode saved =
        request.text() != null
            ? context.api().put(path, request.text(), request.contentType())
            : context.api().put(path, request.body());
    warn(saved, context.err());
    JsonNode shown = saved;
    if (saved instanceof ObjectNode object && object.has("warnings")) {
      shown = object.deepCopy();
      ((ObjectNode) shown).remove("warnings");
    }
    context.printer().object(shown);
    return 0;
  }

  /** The request that the file and options ask for; problems are usage errors (exit 2). */
  ComputeRequest request() {
    List<Assignment> assignments = new ArrayList<>();
    try {
      for (String override : overrides) {
        assignments.add(Assignment.parse(override));
      }
      ObjectNode spec = SpecFile.read(file, Computes.SPEC);
      String text =
          SpecFile.readText(
              file, "cannot read " + Computes.SPEC + " '" + file + "': ", "no such file");
      boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
      return ComputeRequest.of(
          spec, name, assignments, "'" + file + "'", new ComputeRequest.SourceFile(text, json));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** One stderr line per warning of the server's answer. */
  static void warn(JsonNode saved, PrintWriter err) {
    for (JsonNode warning : saved.path("warnings")) {
      err.println("kiln: warning: " + warning.asString());
    }
    err.flush();
  }
}
