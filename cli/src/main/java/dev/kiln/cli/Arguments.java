package dev.kiln.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of positional arguments that picocli cannot express. */
public final class Arguments {

  private Arguments() {}

  /**
   * The value, stripped; a blank one is a usage error (exit 2) such as {@code the user name must
   * not be empty}.
   *
   * @param what what the value names, e.g. {@code user name}
   */
  public static String requireNonBlank(CommandSpec spec, String value, String what) {
    if (value == null || value.isBlank()) {
      throw new ParameterException(spec.commandLine(), "the " + what + " must not be empty");
    }
    return value.strip();
  }
}
