package dev.kiln.cli.error;

/**
 * The process exit codes of {@code kiln}. Each names a class of failure, so that scripts can tell
 * "the platform is down" from "the workspace does not exist" without parsing messages.
 */
public enum ExitCode {
  OK(0),
  UNEXPECTED(1),
  USAGE(2),
  UNREACHABLE(3),
  AUTHENTICATION(4),
  NOT_FOUND(5),
  CONFLICT(6),
  INVALID_REQUEST(7),
  SERVER_ERROR(8);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The numeric value the process exits with. */
  public int code() {
    return code;
  }

  /** The class of an HTTP error status: 401/403, 404, 409, other 4xx, 5xx. */
  public static ExitCode forHttpStatus(int status) {
    if (status == 401 || status == 403) {
      return AUTHENTICATION;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    if (status == 409) {
      return CONFLICT;
    }
    if (status >= 400 && status < 500) {
      return INVALID_REQUEST;
    }
    if (status >= 500) {
      return SERVER_ERROR;
    }
    return UNEXPECTED;
  }
}
