package dev.kiln.cli.user;

import dev.kiln.cli.output.Column;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import dev.kiln.cli.token.NewToken;
import java.io.PrintWriter;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The user resource as the commands see it: its paths, table columns and the created user. */
final class Users {

  static final String COLLECTION = "/api/v1/users";

  /** The user that the current token belongs to. */
  static final String ME = COLLECTION + "/me";

  /** The field of a created user that holds its first token, secret included. */
  static final String TOKEN = "token";

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("DISPLAY NAME", "displayName", 40),
          Column.field("ADMIN", "admin"),
          Column.field("CREATED", "createdAt"));

  private Users() {}

  /**
   * Prints the answer of {@code POST /api/v1/users}. In table format: the user's fields, then its
   * token's, then the shown-once warning. In JSON or YAML: the whole answer, the warning on stderr.
   */
  static void printCreated(Printer printer, PrintWriter err, JsonNode created) {
    JsonNode token = created.path(TOKEN);
    if (printer.format() != OutputFormat.TABLE || !(created instanceof ObjectNode user)) {
      printer.object(created);
      if (token.isObject()) {
        NewToken.warnShownOnce(printer, err);
      }
      return;
    }
    ObjectNode withoutToken = user.deepCopy();
    withoutToken.remove(TOKEN);
    printer.object(withoutToken);
    if (token.isObject()) {
      printer.message("");
      printer.message("Token:");
      NewToken.print(printer, err, token);
    }
  }
}
