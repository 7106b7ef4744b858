package dev.kiln.cli.job;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.output.Mappers;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kiln job show <name>}: the job's fields, then how it is executed (its compute, queue state
 * and attempts; nothing for a tracking-only run), then its tags, params and the latest value of
 * each metric as tables. With {@code -o json|yaml}: the job as the server sends it, with {@code
 * execution} (null for a tracking-only run), {@code params} and {@code metrics} added.
 */
@Command(
    name = "show",
    description = {
      "Show a job of the workspace: its fields, its compute, queue state and attempts (for a"
          + " submitted job), its tags, params and the latest value of each metric.",
      "With -o json or yaml, the job as the server sends it plus 'execution' (null for a"
          + " tracking-only run), 'params' and 'metrics'."
    })
final class ShowJobCommand implements Callable<Integer> {

  /** Longer tag and param values are cut in the table; json and yaml show them whole. */
  static final int MAX_VALUE_WIDTH = 100;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the job.")
  String name;

  @Override
  public Integer call() {
    String job = Jobs.requireName(spec, name);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    ApiClient api = context.api();
    JsonNode run = api.get(Jobs.path(workspace, job));
    JsonNode execution = JobExecution.fetch(api, workspace, job);
    JsonNode params = api.get(Jobs.paramsPath(workspace, job)).path("params");
    List<JsonNode> metrics = JobMetrics.latest(api, workspace, job);
    print(context.printer(), run, execution, params, metrics);
    return 0;
  }

  /**
   * Prints the job with its execution ({@code null} for a tracking-only run), params and latest
   * metrics in the printer's format.
   */
  static void print(
      Printer printer, JsonNode run, JsonNode execution, JsonNode params, List<JsonNode> metrics) {
    ObjectNode fields =
        run.isObject() ? (ObjectNode) run.deepCopy() : Mappers.JSON.createObjectNode();
    if (printer.format() != OutputFormat.TABLE) {
      fields.set("execution", execution != null ? execution : Mappers.JSON.nullNode());
      fields.set("params", params.isObject() ? params : Mappers.JSON.createObjectNode());
      ArrayNode latest = Mappers.JSON.createArrayNode();
      metrics.forEach(latest::add);
      fields.set("metrics", latest);
      printer.object(fields);
      return;
    }
    JsonNode tags = fields.remove("tags");
    printer.object(fields);
    if (execution != null) {
      printer.message("");
      printer.object(JobExecution.lines(execution));
    }
    section(printer, "TAG", tags);
    section(printer, "PARAM", params);
    if (!metrics.isEmpty()) {
      printer.message("");
      printer.list(metrics, JobMetrics.latestColumns("METRIC"));
    }
  }

  /** A KEY/VALUE table of a JSON object's fields after a blank line; nothing when it is empty. */
  private static void section(Printer printer, String keyHeader, JsonNode map) {
    if (map == null || !map.isObject() || map.isEmpty()) {
      return;
    }
    List<JsonNode> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : map.properties()) {
      ObjectNode row = Mappers.JSON.createObjectNode();
      row.put("key", field.getKey());
      row.set("value", field.getValue());
      rows.add(row);
    }
    printer.message("");
    printer.list(
        rows,
        List.of(Column.field(keyHeader, "key"), Column.field("VALUE", "value", MAX_VALUE_WIDTH)));
  }
}
