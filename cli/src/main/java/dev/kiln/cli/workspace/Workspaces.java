package dev.kiln.cli.workspace;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The workspace resource as the commands see it: its paths and its table columns. */
public final class Workspaces {

  /** The collection of all workspaces. */
  public static final String COLLECTION = "/api/v1/workspaces";

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("DESCRIPTION", "description", 60),
          Column.field("CREATED", "createdAt"));

  private Workspaces() {}

  /** The path of one workspace, its name encoded as one path segment. */
  public static String path(String name) {
    return COLLECTION + "/" + ApiClient.segment(name);
  }

  /** The name, stripped; a blank one is a usage error. */
  static String requireName(CommandSpec spec, String name) {
    return Arguments.requireNonBlank(spec, name, "workspace name");
  }
}
