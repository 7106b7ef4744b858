package dev.kiln.launcher.local;

import dev.kiln.launcher.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The lines of a workload's {@code output.log} from its start. Following, it waits at the end of
 * the file for more until the workload has ended and everything it wrote has been read.
 */
final class FileLogStream implements LogStream {

  private static final long POLL_MILLIS = 50;

  private final InputStream in;
  private final boolean follow;
  private final BooleanSupplier ended;
  private final byte[] buffer = new byte[8192];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int position;
  private int limit;
  private volatile boolean closed;

  private FileLogStream(InputStream in, boolean follow, BooleanSupplier ended) {
    this.in = in;
    this.follow = follow;
    this.ended = ended;
  }

  /** Opens the log; a missing log (unknown or removed workload) is an empty stream. */
  static LogStream open(Path log, boolean follow, BooleanSupplier ended) {
    try {
      return new FileLogStream(Files.newInputStream(log), follow, ended);
    } catch (NoSuchFileException e) {
      return new FileLogStream(InputStream.nullInputStream(), false, () -> true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String nextLine() {
    while (!closed) {
      while (position < limit) {
        byte b = buffer[position++];
        if (b == '\n') {
          return take();
        }
        line.write(b);
      }
      if (fill()) {
        continue;
      }
      if (!follow) {
        return line.size() > 0 ? take() : null;
      }
      if (ended.getAsBoolean()) {
        // What the workload wrote between our last read and its end is still to be drained.
        if (fill()) {
          continue;
        }
        return line.size() > 0 ? take() : null;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
    try {
      in.close();
    } catch (IOException e) {
      // Nothing is left to release: the stream is done either way.
    }
  }

  /** Reads more bytes; false at the current end of the file. */
  private boolean fill() {
    try {
      int read = in.read(buffer);
      if (read <= 0) {
        return false;
      }
      position = 0;
      limit = read;
      return true;
    } catch (IOException e) {
      if (closed) {
        return false;
      }
      throw new UncheckedIOException(e);
    }
  }

  private String take() {
    byte[] bytes = line.toByteArray();
    line.reset();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
