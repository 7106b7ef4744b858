package dev.kiln.cli.workspace.member;

import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.workspace.Workspaces;
import java.util.List;

/** The members of a workspace as the commands see them: their paths and table columns. */
final class Members {

  static final List<Column> COLUMNS =
      List.of(
          Column.field("USER", "user"),
          Column.field("ROLE", "role"),
          Column.field("ADDED", "addedAt"));

  private Members() {}

  /** The members of {@code workspace}. */
  static String collection(String workspace) {
    return Workspaces.path(workspace) + "/members";
  }

  /** The membership of {@code user} in {@code workspace}; both encoded as path segments. */
  static String path(String workspace, String user) {
    return collection(workspace) + "/" + ApiClient.segment(user);
  }
}
