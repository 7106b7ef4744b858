package dev.kiln.cli.error;

/**
 * A failure the user should see as one line on stderr, ending the command with {@link #exitCode()}.
 * The message is complete and readable on its own; the cause is shown only in verbose mode.
 */
public class CliException extends RuntimeException {

  private final ExitCode exitCode;

  public CliException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  public CliException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** How the process should exit. */
  public ExitCode exitCode() {
    return exitCode;
  }
}
