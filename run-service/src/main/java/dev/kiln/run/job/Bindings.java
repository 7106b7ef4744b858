package dev.kiln.run.job;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${{…}}} expressions of a command: each must be {@code ${{inputs.<name>}}} or {@code
 * ${{outputs.<name>}}} of a declared input or output. compute-service replaces them later with the
 * paths or values the workload sees; other expressions ({@code search_space}, {@code parent}) only
 * mean something in sweeps and pipelines.
 */
final class Bindings {

  static final String CODE = "unknown_binding";

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern REFERENCE =
      Pattern.compile("^(inputs|outputs)\\.([A-Za-z_][A-Za-z0-9_]*)$");

  private Bindings() {}

  /** Refuses any expression of {@code command} that names no declared input or output. */
  static void check(String command, Set<String> inputs, Set<String> outputs) {
    Matcher expression = EXPRESSION.matcher(command);
    int end = 0;
    while (expression.find()) {
      end = expression.end();
      String inner = expression.group(1).strip();
      Matcher reference = REFERENCE.matcher(inner);
      if (!reference.matches()) {
        throw new InvalidRequestException(
            CODE,
            "The command uses ${{"
                + inner
                + "}}; a command job's command may only use ${{inputs.<name>}} and"
                + " ${{outputs.<name>}}.");
      }
      boolean input = reference.group(1).equals("inputs");
      String name = reference.group(2);
      if (!(input ? inputs : outputs).contains(name)) {
        throw new InvalidRequestException(
            CODE,
            "The command uses ${{"
                + inner
                + "}}, but the job declares no "
                + (input ? "input" : "output")
                + " '"
                + name
                + "'; declared: "
                + (input ? inputs : outputs)
                + ".");
      }
    }
    if (command.indexOf("${{", end) >= 0) {
      throw new InvalidRequestException(CODE, "The command has a '${{' that no '}}' closes.");
    }
  }
}
