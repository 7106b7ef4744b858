package dev.kiln.cli.asset;

import picocli.CommandLine.Option;

/**
 * The required {@code --version <version>} option of {@code archive} and {@code restore}, as a
 * mixin; its help text names the command, e.g. {@code The version to archive.}
 */
public final class RequiredVersionOption {

  @Option(
      names = "--version",
      paramLabel = "<version>",
      required = true,
      description = "The version to ${COMMAND-NAME}.")
  String version;

  /** The version given. */
  public String value() {
    return version;
  }
}
