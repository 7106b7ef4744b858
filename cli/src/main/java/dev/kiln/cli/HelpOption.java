package dev.kiln.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -h/--help} option, as a picocli mixin, for commands with an option of their own named
 * {@code --version} (such as {@code kiln data show <name> --version 3}). Such a command does not
 * inherit the standard {@code -h/--help} and {@code -V/--version} options of {@code kiln}, so it
 * declares {@code mixinStandardHelpOptions = false} and mixes this in to keep {@code --help}.
 */
public final class HelpOption {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;
}
