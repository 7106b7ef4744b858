package dev.kiln.launcher.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.kiln.launcher.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns the engine's log frames into lines. A frame holds any slice of one stream's bytes, so each
 * stream (stdout, stderr) keeps its own unfinished line until its line break arrives.
 */
final class DockerLogStream extends ResultCallback.Adapter<Frame> implements LogStream {

  /** Bounded: when the reader falls behind, the engine's connection waits rather than the heap. */
  private static final int CAPACITY = 10_000;

  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>(CAPACITY);
  private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);
  private volatile boolean closed;
  private boolean ended;

  @Override
  public void onNext(Frame frame) {
    ByteArrayOutputStream pending =
        partial.computeIfAbsent(frame.getStreamType(), type -> new ByteArrayOutputStream());
    for (byte b : frame.getPayload()) {
      if (b == '\n') {
        emit(pending);
      } else {
        pending.write(b);
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    flushPartialLines();
    enqueue(error instanceof IOException io ? io : new IOException(error.getMessage(), error));
    releaseConnection();
  }

  @Override
  public void onComplete() {
    flushPartialLines();
    enqueue(END);
    releaseConnection();
  }

  @Override
  public String nextLine() {
    if (ended) {
      return null;
    }
    Object next;
    try {
      next = lines.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("Interrupted while reading logs", e));
    }
    if (next == END) {
      ended = true;
      return null;
    }
    if (next instanceof IOException error) {
      ended = true;
      throw new UncheckedIOException("Reading the container's logs failed", error);
    }
    return (String) next;
  }

  @Override
  public void close() {
    closed = true;
    try {
      releaseConnection();
    } finally {
      lines.clear();
    }
  }

  /**
   * Closes the engine's response without touching the lines already read: the template's own {@code
   * onComplete} and {@code onError} would call {@link #close()}, which drops them.
   */
  private void releaseConnection() {
    try {
      super.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flushPartialLines() {
    partial.values().stream().filter(pending -> pending.size() > 0).forEach(this::emit);
  }

  private void emit(ByteArrayOutputStream pending) {
    String line = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    enqueue(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }

  /** Waits for room while the reader still reads; drops everything once it closed the stream. */
  private void enqueue(Object item) {
    try {
      while (!closed && !lines.offer(item, 100, TimeUnit.MILLISECONDS)) {
        // The reader is slow: keep waiting, the engine buffers the rest.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
