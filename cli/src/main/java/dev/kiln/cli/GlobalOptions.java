package dev.kiln.cli;

import dev.kiln.cli.config.SettingKey;
import dev.kiln.cli.output.OutputFormat;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every command accepts, before or after the command name. They are inherited by all
 * subcommands, and picocli stores their values here, in the root command's instance.
 */
public final class GlobalOptions {

  @Option(
      names = "--url",
      paramLabel = "<url>",
      scope = ScopeType.INHERIT,
      description = "Gateway URL (env KILN_URL; default: localhost, port $KILN_PORT or 8080).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "<token>",
      scope = ScopeType.INHERIT,
      description = "Access token (env KILN_TOKEN; default $KILN_HOME/admin-token).")
  String token;

  @Option(
      names = {"-w", "--workspace"},
      paramLabel = "<workspace>",
      scope = ScopeType.INHERIT,
      description = "Default workspace (env KILN_WORKSPACE).")
  String workspace;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "<format>",
      defaultValue = "table",
      converter = OutputFormatConverter.class,
      scope = ScopeType.INHERIT,
      description = "Output format: json, yaml or table (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Trace requests and print stack traces (or set KILN_DEBUG=1).")
  boolean verbose;

  /** Reads {@code -o} values in any case, naming the choices in lower case when it fails. */
  static final class OutputFormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The settings given on the command line, by key; absent keys were not given. */
  Map<SettingKey, String> settings() {
    Map<SettingKey, String> given = new EnumMap<>(SettingKey.class);
    putIfGiven(given, SettingKey.URL, url);
    putIfGiven(given, SettingKey.TOKEN, token);
    putIfGiven(given, SettingKey.WORKSPACE, workspace);
    return given;
  }

  private static void putIfGiven(Map<SettingKey, String> given, SettingKey key, String value) {
    if (value != null) {
      given.put(key, value);
    }
  }
}
