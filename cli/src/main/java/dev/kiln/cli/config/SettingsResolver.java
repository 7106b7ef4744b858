package dev.kiln.cli.config;

import dev.kiln.cli.config.Settings.Value;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves each setting in order: command-line option, environment variable, {@code
 * $KILN_HOME/config.yaml}, then the default ({@code http://localhost:${KILN_PORT:-8080}} for the
 * URL, the trimmed {@code $KILN_HOME/admin-token} for the token).
 */
public final class SettingsResolver {

  static final String ADMIN_TOKEN_FILE = "admin-token";

  private final Environment environment;
  private final ConfigFile configFile;
  private Map<String, String> configValues;

  public SettingsResolver(Environment environment) {
    this.environment = environment;
    this.configFile = new ConfigFile(environment.kilnHome());
  }

  /** Resolves all settings; {@code options} holds the values given on the command line. */
  public Settings resolve(Map<SettingKey, String> options) {
    Value url = resolve(SettingKey.URL, options).orElseGet(this::defaultUrl);
    Value token = resolve(SettingKey.TOKEN, options).orElseGet(this::adminToken);
    Value workspace = resolve(SettingKey.WORKSPACE, options).orElseGet(Value::unset);
    return new Settings(
        new Value(stripTrailingSlashes(url.value()), url.source()), token, workspace);
  }

  private Optional<Value> resolve(SettingKey key, Map<SettingKey, String> options) {
    String option = options.get(key);
    if (option != null && !option.isBlank()) {
      return Optional.of(new Value(option.strip(), "command line (" + key.option() + ")"));
    }
    Optional<String> variable = environment.get(key.variable());
    if (variable.isPresent()) {
      return Optional.of(new Value(variable.get(), "environment (" + key.variable() + ")"));
    }
    String configured = configValues().get(key.key());
    if (configured != null && !configured.isBlank()) {
      return Optional.of(new Value(configured.strip(), "config file (" + configFile.path() + ")"));
    }
    return Optional.empty();
  }

  private Map<String, String> configValues() {
    if (configValues == null) {
      configValues = configFile.read();
    }
    return configValues;
  }

  private Value defaultUrl() {
    String port = environment.get("KILN_PORT").orElse("8080");
    return new Value("http://localhost:" + port, "default");
  }

  private Value adminToken() {
    Path file = environment.kilnHome().resolve(ADMIN_TOKEN_FILE);
    if (!Files.isRegularFile(file)) {
      return Value.unset();
    }
    try {
      String token = Files.readString(file).strip();
      return token.isEmpty() ? Value.unset() : new Value(token, "admin token file (" + file + ")");
    } catch (IOException e) {
      throw new CliException(ExitCode.UNEXPECTED, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String stripTrailingSlashes(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }
}
