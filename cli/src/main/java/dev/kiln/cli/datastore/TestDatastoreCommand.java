package dev.kiln.cli.datastore;

import dev.kiln.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln datastore test <name>}: the server tries the datastore's connection with its stored
 * credentials. Exit 0 when it works; exit 1, with the server's detail on stderr, when it does not.
 */
@Command(
    name = "test",
    description = {
      "Test the connection of a datastore of the workspace, with its stored credentials.",
      "Exits with 1 when the test fails."
    })
final class TestDatastoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the datastore.")
  String name;

  @Override
  public Integer call() {
    String datastore = Datastores.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    return TestOutcome.report(
        Datastores.printer(context),
        context.err(),
        datastore,
        context.api().post(Datastores.testPath(workspace, datastore)));
  }
}
