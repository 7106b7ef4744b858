package dev.kiln.cli.asset;

import picocli.CommandLine.Option;

/** The {@code --version <version>} option of {@code show} and {@code download}, as a mixin. */
public final class LatestVersionOption {

  @Option(
      names = "--version",
      paramLabel = "<version>",
      defaultValue = AssetPaths.LATEST,
      description = "The version (default: ${DEFAULT-VALUE}, the newest not archived).")
  String version;

  /** The version given, {@value AssetPaths#LATEST} by default. */
  public String value() {
    return version;
  }
}
