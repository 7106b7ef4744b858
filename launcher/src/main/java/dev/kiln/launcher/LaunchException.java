package dev.kiln.launcher;

/**
 * The backend could not start or reach a workload. The caller treats it as an infrastructure
 * failure (retried), never as a failure of the user's code.
 */
public class LaunchException extends RuntimeException {

  public LaunchException(String message) {
    super(message);
  }

  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
