package dev.kiln.cli.compute;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln compute usage <name> [--since <when>]}: how a compute target was used over time, one
 * row per change of its node count, busy slots or queue length. With {@code -o json|yaml}: the
 * server's answer ({@code compute}, {@code since}, {@code samples}).
 */
@Command(
    name = "usage",
    description = {
      "Show how a compute target of the workspace was used over time: its nodes, busy slots and"
          + " queued jobs at each change.",
      "With -o json or yaml, the server's answer: compute, since and samples."
    })
final class UsageComputeCommand implements Callable<Integer> {

  static final List<Column> COLUMNS =
      List.of(
          new Column("TIME", sample -> time(sample.path("time")), 0),
          Column.field("NODES", "nodes"),
          Column.field("BUSY", "busySlots"),
          Column.field("QUEUED", "queued"));

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the compute.")
  String name;

  @Option(
      names = "--since",
      paramLabel = "<when>",
      description =
          "From when: an ISO-8601 instant (2026-11-23T10:00:00Z) or how long ago (30m, 2h, 1d,"
              + " 1h30m). Default: the server's, the last hour.")
  String since;

  @Override
  public Integer call() {
    String compute = Computes.requireName(spec, name);
    Map<String, String> query = new HashMap<>();
    if (since != null) {
      try {
        query.put("since", UsageSince.parse(since, Clock.systemUTC()).toString());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    JsonNode usage = context.api().get(Computes.path(workspace, compute) + "/usage", query);
    print(context.printer(), context.err(), compute, usage);
    return 0;
  }

  /** The samples as a table, or the whole answer as a document. */
  static void print(Printer printer, PrintWriter err, String compute, JsonNode usage) {
    if (printer.format() != OutputFormat.TABLE) {
      printer.object(usage);
      return;
    }
    List<JsonNode> samples = usage.path("samples").valueStream().toList();
    printer.list(samples, COLUMNS);
    if (samples.isEmpty()) {
      String from =
          usage.path("since").isString() ? " since " + usage.path("since").asString() : "";
      err.println("Compute '" + compute + "' has no usage samples" + from + ".");
      err.flush();
    }
  }

  /** An instant to the second, which is what a reader of the table compares; other text as is. */
  private static String time(JsonNode value) {
    if (!value.isString()) {
      return "";
    }
    try {
      return Instant.parse(value.asString()).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return value.asString();
    }
  }
}
