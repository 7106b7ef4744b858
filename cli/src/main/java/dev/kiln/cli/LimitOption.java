package dev.kiln.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --limit <n>} option of list commands, as a picocli mixin: at most n items, and n must
 * be at least 1.
 */
public final class LimitOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--limit", paramLabel = "<n>", description = "Show at most n items.")
  Integer limit;

  /** The limit, or {@code null} for all items; a limit below 1 is a usage error. */
  public Integer value() {
    if (limit != null && limit < 1) {
      throw new ParameterException(mixee.commandLine(), "--limit must be at least 1, was " + limit);
    }
    return limit;
  }
}
