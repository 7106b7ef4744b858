package dev.kiln.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The runner, the stdlib-only Python agent that every workload runs ({@code kiln_runner.py}),
 * packaged in this jar. compute-service places these bytes into each workload as {@link #FILE_NAME}
 * in its files folder and starts {@code python <filesDir>/kiln_runner.py}; what the script does is
 * fixed by the issue 5 contract (section 5).
 */
public final class RunnerScript {

  /** The name the script has in a workload's files folder. */
  public static final String FILE_NAME = "kiln_runner.py";

  private static final String RESOURCE = "/dev/kiln/runner/" + FILE_NAME;

  private RunnerScript() {}

  /**
   * The script's bytes (UTF-8 text), read from the jar on each call.
   *
   * @throws IllegalStateException when the jar lacks the script (a broken build)
   */
  public static byte[] bytes() {
    try (InputStream in = RunnerScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The runner script " + RESOURCE + " is not packaged.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
