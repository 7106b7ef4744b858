package dev.kiln.cli;

import picocli.CommandLine.IVersionProvider;

/** The client's version, from the jar manifest's {@code Implementation-Version}. */
final class ClientVersion implements IVersionProvider {

  static final String UNKNOWN = "development build";

  /** The version, or {@value #UNKNOWN} when not running from the packaged jar. */
  static String current() {
    String version = KilnCli.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? UNKNOWN : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"kiln " + current()};
  }
}
