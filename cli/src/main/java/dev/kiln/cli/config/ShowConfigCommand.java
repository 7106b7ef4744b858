package dev.kiln.cli.config;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.output.Mappers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kiln config show}: the effective settings with where each comes from (option, environment,
 * config file, default). The token is masked.
 */
@Command(name = "show", description = "Show the effective settings and where they come from.")
final class ShowConfigCommand implements Callable<Integer> {

  static final List<Column> COLUMNS =
      List.of(
          Column.field("KEY", "key"),
          Column.field("VALUE", "value"),
          Column.field("SOURCE", "source"));

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    Settings settings = context.settings();
    List<JsonNode> rows = new ArrayList<>();
    for (SettingKey key : SettingKey.values()) {
      Settings.Value setting = settings.get(key);
      String shown = key == SettingKey.TOKEN ? mask(setting.value()) : setting.value();
      ObjectNode row = Mappers.JSON.createObjectNode();
      row.put("key", key.key());
      row.put("value", shown);
      row.put("source", setting.source());
      rows.add(row);
    }
    context.printer().list(rows, COLUMNS);
    return 0;
  }

  /** Shows at most the first four characters of a secret, and never its length. */
  static String mask(String secret) {
    if (secret == null) {
      return null;
    }
    return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "****";
  }
}
