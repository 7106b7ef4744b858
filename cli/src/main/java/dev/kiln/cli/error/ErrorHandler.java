package dev.kiln.cli.error;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one readable line on stderr and an {@link ExitCode}: usage errors (exit
 * 2), {@link CliException}s (their own code) and anything else (exit 1). Stack traces are printed
 * only when {@code verbose} says so.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final PrintWriter err;
  private final BooleanSupplier verbose;

  public ErrorHandler(PrintWriter err, BooleanSupplier verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    err.println("kiln: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println(
        "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    traceIfVerbose(ex);
    err.flush();
    return ExitCode.USAGE.code();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
    int code;
    if (ex instanceof CliException failure) {
      err.println("kiln: " + failure.getMessage());
      code = failure.exitCode().code();
    } else {
      err.println("kiln: unexpected error: " + describe(ex));
      if (!verbose.getAsBoolean()) {
        err.println("kiln: run again with --verbose (or KILN_DEBUG=1) for details");
      }
      code = ExitCode.UNEXPECTED.code();
    }
    traceIfVerbose(ex);
    err.flush();
    return code;
  }

  private void traceIfVerbose(Exception ex) {
    if (verbose.getAsBoolean()) {
      ex.printStackTrace(err);
    }
  }

  private static String describe(Throwable ex) {
    String message = ex.getMessage();
    return message == null || message.isBlank()
        ? ex.getClass().getSimpleName()
        : ex.getClass().getSimpleName() + ": " + message;
  }
}
