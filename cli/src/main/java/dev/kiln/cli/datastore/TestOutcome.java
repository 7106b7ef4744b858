package dev.kiln.cli.datastore;

import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.output.Printer;
import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/**
 * Reports the answer of a connection test, {@code {"ok": true|false, "detail": "..."}}: it is
 * printed on stdout in the chosen format; a failed test adds one line with the detail on stderr and
 * ends with exit 1.
 */
final class TestOutcome {

  private TestOutcome() {}

  /**
   * Prints {@code result} of testing datastore {@code name}.
   *
   * @return the exit code: 0 when {@code ok} is {@code true}, else 1 (also when it is missing)
   */
  static int report(Printer printer, PrintWriter err, String name, JsonNode result) {
    printer.object(result);
    JsonNode ok = result.path("ok");
    if (ok.isBoolean() && ok.booleanValue()) {
      return ExitCode.OK.code();
    }
    err.println("kiln: datastore '" + name + "' failed its connection test: " + detail(result));
    err.flush();
    return ExitCode.UNEXPECTED.code();
  }

  private static String detail(JsonNode result) {
    JsonNode detail = result.path("detail");
    if (!detail.isValueNode() || detail.isNull() || detail.asString().isBlank()) {
      return "the server gave no detail";
    }
    return detail.asString().replaceAll("\\s+", " ").strip();
  }
}
