package dev.kiln.cli.workspace;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.http.ApiClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln workspace list [--limit N]}: follows the {@code next} cursor until the last page, or
 * until {@code N} workspaces were read.
 */
@Command(name = "list", description = "List workspaces.")
final class ListWorkspacesCommand implements Callable<Integer> {

  static final int PAGE_SIZE = 100;

  @Spec CommandSpec spec;

  @Option(names = "--limit", paramLabel = "<n>", description = "Show at most n workspaces.")
  Integer limit;

  @Override
  public Integer call() {
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
    }
    CliContext context = CliContext.of(spec);
    context.printer().list(fetch(context.api()), Workspaces.COLUMNS);
    return 0;
  }

  private List<JsonNode> fetch(ApiClient api) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      int wanted = limit == null ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - items.size());
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", Integer.toString(wanted));
      query.put("cursor", cursor);
      JsonNode page = api.get(Workspaces.COLLECTION, query);
      for (JsonNode item : page.path("items")) {
        if (limit == null || items.size() < limit) {
          items.add(item);
        }
      }
      String next = page.path("next").isString() ? page.path("next").asString() : null;
      // A server that hands back the same cursor would otherwise keep us here forever.
      cursor = next == null || next.isEmpty() || next.equals(cursor) ? null : next;
    } while (cursor != null && (limit == null || items.size() < limit));
    return items;
  }
}
