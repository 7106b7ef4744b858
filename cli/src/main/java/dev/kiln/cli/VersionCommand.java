package dev.kiln.cli;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.output.Mappers;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kiln version}: the client's version, then the server's, or "unreachable" (exit 0). */
@Command(name = "version", description = "Print the client and server versions.")
final class VersionCommand implements Callable<Integer> {

  static final Duration SERVER_TIMEOUT = Duration.ofSeconds(5);
  static final String UNREACHABLE = "unreachable";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    ObjectNode versions = Mappers.JSON.createObjectNode();
    versions.put("client", ClientVersion.current());
    versions.put("server", serverVersion(context));
    context.printer().object(versions);
    return 0;
  }

  private static String serverVersion(CliContext context) {
    try {
      JsonNode answer = context.api().withTimeout(SERVER_TIMEOUT).get("/api/v1/version");
      String version = answer.path("version").asString("");
      return version.isBlank() ? UNREACHABLE : version;
    } catch (CliException e) {
      if (context.verbose()) {
        context.err().println("kiln: server version: " + e.getMessage());
      }
      return UNREACHABLE;
    }
  }
}
