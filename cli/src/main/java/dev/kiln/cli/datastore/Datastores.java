package dev.kiln.cli.datastore;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.CliContext;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.output.Printer;
import dev.kiln.cli.workspace.Workspaces;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * The datastore resource as the commands see it: its paths, its table columns and the fields that
 * are never printed.
 */
final class Datastores {

  /** What {@code SpecFile} calls the file in messages. */
  static final String SPEC = "datastore spec";

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("TYPE", "type"),
          new Column("LOCATION", Datastores::location, 0),
          new Column("DEFAULT", datastore -> yesNo(datastore.path("isDefault")), 0),
          new Column("CREDENTIALS", datastore -> yesNo(datastore.path("credentialsSet")), 0));

  private Datastores() {}

  /** The datastores of {@code workspace}. */
  static String collection(String workspace) {
    return Workspaces.path(workspace) + "/datastores";
  }

  /** Datastore {@code name} of {@code workspace}; both encoded as path segments. */
  static String path(String workspace, String name) {
    return collection(workspace) + "/" + ApiClient.segment(name);
  }

  /** The connection test of datastore {@code name}. */
  static String testPath(String workspace, String name) {
    return path(workspace, name) + "/test";
  }

  /** The name, stripped; a blank one is a usage error. */
  static String requireName(CommandSpec spec, String name) {
    return Arguments.requireNonBlank(spec, name, "datastore name");
  }

  /** The printer of the invocation, never showing a secret access key. */
  static Printer printer(CliContext context) {
    return printer(context.printer());
  }

  /** {@code printer}, never showing a secret access key. */
  static Printer printer(Printer printer) {
    return printer.hiding(Datastores::isSecret);
  }

  /**
   * Whether a field holds a secret access key: {@code secret_access_key}, {@code secretAccessKey}
   * and their spellings in other cases or with hyphens.
   */
  static boolean isSecret(String key) {
    return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT).equals("secretaccesskey");
  }

  /**
   * Where the data lies: the path of a local datastore; for S3 {@code endpoint/bucket[/prefix]}
   * ({@code s3://bucket[/prefix]} without an endpoint); empty when the datastore has neither.
   */
  static String location(JsonNode datastore) {
    String path = text(datastore, "path");
    if (path != null) {
      return path;
    }
    String endpoint = text(datastore, "endpoint");
    String bucket = text(datastore, "bucket");
    if (bucket == null) {
      return endpoint == null ? "" : endpoint;
    }
    String base = endpoint == null ? "s3://" + bucket : stripTrailing(endpoint, '/') + "/" + bucket;
    String prefix = text(datastore, "prefix");
    return prefix == null ? base : base + "/" + stripLeading(prefix, '/');
  }

  private static String yesNo(JsonNode flag) {
    if (!flag.isBoolean()) {
      return "";
    }
    return flag.booleanValue() ? "yes" : "no";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isValueNode() || value.isNull() || value.asString().isBlank()) {
      return null;
    }
    return value.asString().strip();
  }

  private static String stripTrailing(String text, char c) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == c) {
      end--;
    }
    return text.substring(0, end);
  }

  private static String stripLeading(String text, char c) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == c) {
      start++;
    }
    return text.substring(start);
  }
}
