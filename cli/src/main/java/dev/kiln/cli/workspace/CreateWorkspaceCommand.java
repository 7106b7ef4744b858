package dev.kiln.cli.workspace;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code kiln workspace create <name> [--description <text>]}. */
@Command(name = "create", description = "Create a workspace.")
final class CreateWorkspaceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the new workspace.")
  String name;

  @Option(names = "--description", paramLabel = "<text>", description = "What it is for.")
  String description;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    CreateWorkspaceRequest request =
        new CreateWorkspaceRequest(Workspaces.requireName(spec, name), description);
    JsonNode created = context.api().post(Workspaces.COLLECTION, request);
    context.printer().object(created);
    return 0;
  }
}
