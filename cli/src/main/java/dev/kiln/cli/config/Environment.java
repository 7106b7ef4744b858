package dev.kiln.cli.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment and the user's home folder, passed in rather than read from {@link
 * System#getenv()} everywhere, so that tests can run the CLI against a temporary {@code KILN_HOME}.
 *
 * @param variables environment variables by name
 * @param userHome the folder {@code ~} stands for
 */
public record Environment(Map<String, String> variables, Path userHome) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The environment of this process. */
  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** A variable's value, empty when unset or blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** The data and configuration folder: {@code KILN_HOME}, or {@code ~/.kiln}. */
  public Path kilnHome() {
    return get("KILN_HOME").map(Path::of).orElse(userHome.resolve(".kiln"));
  }

  /** Whether {@code KILN_DEBUG} asks for stack traces and request tracing. */
  public boolean debug() {
    return get("KILN_DEBUG").map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
  }
}
