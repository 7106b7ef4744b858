package dev.kiln.cli.config;

/**
 * The effective settings of one invocation, each with where it came from.
 *
 * @param url the gateway URL, without a trailing slash; always present
 * @param token the bearer token; its value may be {@code null}
 * @param workspace the default workspace; its value may be {@code null}
 */
public record Settings(Value url, Value token, Value workspace) {

  /**
   * One resolved setting.
   *
   * @param value the value, or {@code null} when nothing sets it
   * @param source where it came from, e.g. {@code environment (KILN_URL)}
   */
  public record Value(String value, String source) {

    static Value unset() {
      return new Value(null, "not set");
    }

    /** Whether the setting has a value. */
    public boolean isPresent() {
      return value != null;
    }
  }

  /** The setting for a key. */
  public Value get(SettingKey key) {
    return switch (key) {
      case URL -> url;
      case TOKEN -> token;
      case WORKSPACE -> workspace;
    };
  }
}
