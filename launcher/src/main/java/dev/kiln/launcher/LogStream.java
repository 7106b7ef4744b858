package dev.kiln.launcher;

import java.io.UncheckedIOException;

/** Lines of a workload's output; close it to stop reading. */
public interface LogStream extends AutoCloseable {

  /**
   * The next line, without its line break, blocking while a followed workload runs; null at the
   * end.
   *
   * @throws UncheckedIOException when the backend fails mid-stream
   */
  String nextLine();

  @Override
  void close();
}
