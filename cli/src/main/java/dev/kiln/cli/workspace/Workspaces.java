package dev.kiln.cli.workspace;

import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The workspace resource as the commands see it: its paths and its table columns. */
final class Workspaces {

  static final String COLLECTION = "/api/v1/workspaces";

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("DESCRIPTION", "description", 60),
          Column.field("CREATED", "createdAt"));

  private Workspaces() {}

  /** The path of one workspace. */
  static String path(String name) {
    return COLLECTION + "/" + ApiClient.segment(name);
  }

  /** The name, stripped; a blank one is a usage error. */
  static String requireName(CommandSpec spec, String name) {
    if (name == null || name.isBlank()) {
      throw new ParameterException(spec.commandLine(), "the workspace name must not be empty");
    }
    return name.strip();
  }
}
