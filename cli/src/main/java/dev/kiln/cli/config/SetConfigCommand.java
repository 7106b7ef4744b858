package dev.kiln.cli.config;

import dev.kiln.cli.CliContext;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln config set <key> <value>}: writes one setting to the config file. */
@Command(name = "set", description = "Set url, token or workspace in the config file.")
final class SetConfigCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<key>", description = "url, token or workspace.")
  String key;

  @Parameters(index = "1", paramLabel = "<value>", description = "The new value.")
  String value;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    SettingKey setting = SettingKey.fromKey(key).orElseThrow(() -> unknownKey(key));
    String clean = value.strip();
    if (clean.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "the value of " + setting.key() + " must not be empty");
    }
    if (setting == SettingKey.URL
        && !clean.startsWith("http://")
        && !clean.startsWith("https://")) {
      throw new ParameterException(
          spec.commandLine(), "invalid url '" + clean + "': expected http(s)://host:port");
    }
    ConfigFile file = new ConfigFile(context.environment().kilnHome());
    file.set(setting.key(), clean);
    context.out().println("Set " + setting.key() + " in " + file.path());
    return 0;
  }

  private ParameterException unknownKey(String given) {
    String known =
        Arrays.stream(SettingKey.values()).map(SettingKey::key).collect(Collectors.joining(", "));
    return new ParameterException(
        spec.commandLine(), "unknown setting '" + given + "': expected one of " + known);
  }
}
