package dev.kiln.cli.compute;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.workspace.Workspaces;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** The compute resource as the commands see it: its paths and its table columns. */
final class Computes {

  /** What {@code SpecFile} calls the file in messages. */
  static final String SPEC = "compute spec";

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("KIND", "kind"),
          Column.field("BACKEND", "backend"),
          new Column("NODES", Computes::nodes, 0),
          Column.field("SLOTS/NODE", "slotsPerNode"),
          Column.field("BUSY", "busySlots"),
          Column.field("QUEUED", "queued"),
          Column.field("RUNNING", "running"));

  private Computes() {}

  /** The compute targets of {@code workspace}. */
  static String collection(String workspace) {
    return Workspaces.path(workspace) + "/computes";
  }

  /** Compute {@code name} of {@code workspace}; both encoded as path segments. */
  static String path(String workspace, String name) {
    return collection(workspace) + "/" + ApiClient.segment(name);
  }

  /** The name, stripped; a blank one is a usage error. */
  static String requireName(CommandSpec spec, String name) {
    return Arguments.requireNonBlank(spec, name, "compute name");
  }

  /** The nodes a target has now and its bounds: {@code 1 (0-4)}. */
  static String nodes(JsonNode compute) {
    JsonNode now = compute.path("nodes");
    JsonNode min = compute.path("minInstances");
    JsonNode max = compute.path("maxInstances");
    if (!min.isNumber() || !max.isNumber()) {
      return now.isNumber() ? now.asString() : "";
    }
    String bounds = "(" + min.asString() + "-" + max.asString() + ")";
    return now.isNumber() ? now.asString() + " " + bounds : bounds;
  }
}
