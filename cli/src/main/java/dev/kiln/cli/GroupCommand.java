package dev.kiln.cli;

import dev.kiln.cli.error.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code kiln workspace}): run alone, it prints its usage
 * on stderr and ends as a usage error (exit 2).
 */
public abstract class GroupCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("kiln: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code();
  }
}
