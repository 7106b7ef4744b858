package dev.kiln.cli.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A setting of the CLI: its key in {@code config.yaml}, its variable and its option. */
public enum SettingKey {
  URL("url", "KILN_URL", "--url"),
  TOKEN("token", "KILN_TOKEN", "--token"),
  WORKSPACE("workspace", "KILN_WORKSPACE", "--workspace");

  private final String key;
  private final String variable;
  private final String option;

  SettingKey(String key, String variable, String option) {
    this.key = key;
    this.variable = variable;
    this.option = option;
  }

  /** The key in {@code config.yaml}. */
  public String key() {
    return key;
  }

  /** The environment variable, e.g. {@code KILN_URL}. */
  public String variable() {
    return variable;
  }

  /** The command-line option, e.g. {@code --url}. */
  public String option() {
    return option;
  }

  /** The setting with this config-file key, if any. */
  public static Optional<SettingKey> fromKey(String key) {
    String wanted = key.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.key.equals(wanted)).findFirst();
  }
}
