package dev.kiln.cli.token;

import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.output.Printer;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The token resource as the commands see it: its paths, table columns and listing. */
final class Tokens {

  static final String COLLECTION = "/api/v1/tokens";

  /** The field that holds a token's secret; only a create answer has it. */
  static final String SECRET = "token";

  static final List<Column> COLUMNS =
      List.of(
          Column.field("ID", "id"),
          Column.field("NAME", "name"),
          Column.field("PREFIX", "prefix"),
          Column.field("CREATED", "createdAt"),
          Column.field("EXPIRES", "expiresAt"),
          Column.field("REVOKED", "revokedAt"),
          Column.field("LAST USED", "lastUsedAt"));

  private Tokens() {}

  /** The path of one token, its id encoded as one path segment. */
  static String path(String id) {
    return COLLECTION + "/" + ApiClient.segment(id);
  }

  /**
   * Prints a list of tokens; a secret that a server sent along anyway is dropped, in any format.
   */
  static void printList(Printer printer, List<JsonNode> tokens) {
    printer.list(tokens.stream().map(Tokens::withoutSecret).toList(), COLUMNS);
  }

  private static JsonNode withoutSecret(JsonNode token) {
    if (token instanceof ObjectNode object && object.has(SECRET)) {
      ObjectNode copy = object.deepCopy();
      copy.remove(SECRET);
      return copy;
    }
    return token;
  }
}
