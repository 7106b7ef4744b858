package dev.kiln.run.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what a client's upload delivers and remembers whether reading it failed, so that an upload
 * cut short by the client is told apart from a failure of the object store, which wraps both.
 */
final class CountingInputStream extends FilterInputStream {

  private long count;
  private boolean failed;

  CountingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  long count() {
    return count;
  }

  /** Whether the client's stream failed, or ended before {@code declaredLength} (-1: unknown). */
  boolean cutShort(long declaredLength) {
    return failed || (declaredLength >= 0 && count < declaredLength);
  }
}
