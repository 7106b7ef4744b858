package dev.kiln.cli.asset;

import dev.kiln.cli.spec.Assignment;
import dev.kiln.cli.spec.SpecFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of a versioned asset's {@code create} command, as a picocli mixin: {@code -f <file>},
 * {@code --name}, {@code --version} and repeatable {@code --set key=value}. A command that mixes
 * this in has its own {@code --version}, so it also declares {@code mixinStandardHelpOptions =
 * false} and mixes in {@link dev.kiln.cli.HelpOption}.
 */
public final class AssetSpecOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "<file>",
      required = true,
      description = "The spec: one YAML document, or JSON when the name ends in .json.")
  Path file;

  @Option(names = "--name", paramLabel = "<name>", description = "Name (default: the spec's name).")
  String name;

  @Option(
      names = "--version",
      paramLabel = "<version>",
      description =
          "Version to register (default: the spec's version, else the next automatic one).")
  String version;

  @Option(
      names = "--set",
      paramLabel = "<key=value>",
      description =
          "Override a key of the spec, e.g. description=... or tags.stage=prod; repeatable;"
              + " values are strings.")
  List<String> overrides = new ArrayList<>();

  /**
   * Reads the spec file and applies the options. A file that cannot be read fails with exit 2
   * naming it; other problems (no name, a bad override) are usage errors of the command.
   *
   * @param kind what the asset is, e.g. {@code data asset}; the file is a "{@code <kind>} spec"
   */
  public AssetSpec read(String kind) {
    try {
      List<Assignment> assignments = new ArrayList<>();
      for (String override : overrides) {
        assignments.add(Assignment.parse(override));
      }
      return AssetSpec.of(
          kind, SpecFile.read(file, kind + " spec"), file, name, version, assignments);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** A usage error (exit 2) of the command this is mixed into. */
  public ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
