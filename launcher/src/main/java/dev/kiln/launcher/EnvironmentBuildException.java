package dev.kiln.launcher;

import java.util.List;

/**
 * An environment (image or virtualenv) could not be built from its specification, for instance
 * because a requirement does not exist. It is the environment's fault, not the infrastructure's:
 * building it again gives the same result, so callers fail the job and show {@link #output()}.
 */
public class EnvironmentBuildException extends RuntimeException {

  private final List<String> output;

  /**
   * @param message what failed, with the builder's most telling line
   * @param output the last lines the builder (pip, docker build) printed
   */
  public EnvironmentBuildException(String message, List<String> output) {
    super(message);
    this.output = List.copyOf(output);
  }

  /** The last lines the builder printed, oldest first. */
  public List<String> output() {
    return output;
  }
}
