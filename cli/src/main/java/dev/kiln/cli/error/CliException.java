package dev.kiln.cli.error;

/**
 * A failure the user should see as one line on stderr, ending the command with {@link #exitCode()}.
 * The message is complete and readable on its own; the cause is shown only in verbose mode.
 */
public class CliException extends RuntimeException {

  private final ExitCode exitCode;
  private final String problemCode;

  public CliException(ExitCode exitCode, String message) {
    this(exitCode, message, (Throwable) null);
  }

  public CliException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.problemCode = null;
  }

  /**
   * A failure the server explained with a problem document whose stable {@code code} is {@code
   * problemCode} (may be {@code null}), so that a command can tell one 404 from another.
   */
  public CliException(ExitCode exitCode, String message, String problemCode) {
    super(message);
    this.exitCode = exitCode;
    this.problemCode = problemCode;
  }

  /** How the process should exit. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /** The server's problem {@code code}, e.g. {@code execution_not_found}; {@code null} if none. */
  public String problemCode() {
    return problemCode;
  }
}
