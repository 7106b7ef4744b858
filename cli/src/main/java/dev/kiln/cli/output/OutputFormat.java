package dev.kiln.cli.output;

import java.util.Locale;

/** How a command prints what the server answered ({@code -o json|yaml|table}). */
public enum OutputFormat {
  /** The server's JSON, pretty-printed. */
  JSON,
  /** The same document as YAML. */
  YAML,
  /** Aligned plain-text columns for lists, key/value lines for single resources. */
  TABLE;

  /** The format named {@code text}, in any case. */
  public static OutputFormat parse(String text) {
    for (OutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(text.strip())) {
        return format;
      }
    }
    throw new IllegalArgumentException("expected json, yaml or table, got '" + text + "'");
  }

  /** The lower-case name, as typed after {@code -o}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
