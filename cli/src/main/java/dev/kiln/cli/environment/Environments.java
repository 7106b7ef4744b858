package dev.kiln.cli.environment;

import dev.kiln.cli.asset.AssetKind;
import dev.kiln.cli.asset.AssetPaths;
import dev.kiln.cli.output.Column;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The environment resource as the commands see it: its name for messages and table columns. */
final class Environments {

  /** What messages call one. */
  static final String KIND = "environment";

  /** How many characters of the content hash the table shows. */
  static final int HASH_CHARS = 12;

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("VERSION", "version"),
          new Column("CURATED", environment -> yesNo(environment.path("curated")), 0),
          new Column("HASH", Environments::shortHash, 0),
          Column.field("CREATED", "createdAt"));

  /** Environments as the list, show and archive commands handle them. */
  static final AssetKind ASSET = new AssetKind(AssetPaths.ENVIRONMENTS, KIND, COLUMNS);

  private Environments() {}

  /** The first {@value #HASH_CHARS} characters of the content hash. */
  static String shortHash(JsonNode environment) {
    JsonNode hash = environment.path("contentHash");
    if (!hash.isString()) {
      return "";
    }
    String text = hash.asString();
    return text.length() <= HASH_CHARS ? text : text.substring(0, HASH_CHARS);
  }

  private static String yesNo(JsonNode flag) {
    if (!flag.isBoolean()) {
      return "";
    }
    return flag.booleanValue() ? "yes" : "no";
  }
}
