package dev.kiln.cli.metric;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.LimitOption;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.http.Pages;
import dev.kiln.cli.job.JobMetrics;
import dev.kiln.cli.job.Jobs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln metric show <job> [<key>] [--points N] [--limit n]}: without a key the latest value
 * of each metric of the job; with one the metric's history (every page unless {@code --limit}), or
 * with {@code --points} a downsampled history that the server draws from the whole series.
 */
@Command(
    name = "show",
    description = {
      "Show the metrics of a job: the latest value of each (KEY, VALUE, STEP, TIMESTAMP),"
          + " or with <key> the history of that metric (STEP, TIMESTAMP, VALUE).",
      "The history is read whole unless --limit is given. --points <n> asks the server for at"
          + " most n points that keep the series' shape, its extremes included."
    })
final class ShowMetricCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<job>", description = "Name of the job.")
  String job;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "<key>",
      description = "The metric whose history to show, e.g. loss or system/cpu_percent.")
  String key;

  @Option(
      names = "--points",
      paramLabel = "<n>",
      description = "Show a downsampled history of at most n points (1 to 10000).")
  Integer points;

  @Mixin LimitOption limit;

  @Override
  public Integer call() {
    String name = Jobs.requireName(spec, job);
    Integer max = limit.value();
    if (key == null) {
      if (points != null) {
        throw usage("--points needs a metric <key>");
      }
      return latest(name, max);
    }
    String metric = requireKey();
    if (points != null) {
      if (points < 1 || points > JobMetrics.MAX_POINTS) {
        throw usage("--points must be between 1 and " + JobMetrics.MAX_POINTS + ", was " + points);
      }
      if (max != null) {
        throw usage("--points and --limit cannot be combined");
      }
    }
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    ApiClient api = context.api();
    String path = JobMetrics.historyPath(workspace, name, metric);
    List<JsonNode> history = new ArrayList<>();
    if (points != null) {
      api.get(path, Map.of("points", points.toString())).path("items").forEach(history::add);
    } else {
      history.addAll(Pages.collect(api, path, Map.of(), max, JobMetrics.HISTORY_PAGE_SIZE));
    }
    if (history.isEmpty()) {
      context.err().println("Job '" + name + "' has no points of metric '" + metric + "'.");
      context.err().flush();
    }
    context.printer().list(history, JobMetrics.HISTORY_COLUMNS);
    return 0;
  }

  private int latest(String name, Integer max) {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    List<JsonNode> metrics = JobMetrics.latest(context.api(), workspace, name);
    if (max != null && metrics.size() > max) {
      metrics = metrics.subList(0, max);
    }
    context.printer().list(metrics, JobMetrics.LATEST_COLUMNS);
    return 0;
  }

  /**
   * The key as typed. A blank key is a usage error, and so is one that a URL path cannot carry: a
   * leading {@code /}, an empty, {@code .} or {@code ..} segment, or a control character (no metric
   * can have such a key).
   */
  private String requireKey() {
    if (key.isBlank()) {
      throw usage("the metric key must not be empty");
    }
    boolean addressable =
        key.chars().noneMatch(Character::isISOControl)
            && Arrays.stream(key.split("/", -1))
                .noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
    if (!addressable) {
      throw usage(
          "'"
              + key.replaceAll("\\p{Cntrl}", "?")
              + "' is not a valid metric key: it has an empty, '.' or '..' segment or a control"
              + " character");
    }
    return key;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
