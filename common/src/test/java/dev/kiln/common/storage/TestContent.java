package dev.kiln.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Content for store tests, generated on the fly so that large objects never sit in memory. */
final class TestContent {

  private TestContent() {}

  /** {@code size} pseudo-random bytes, the same for the same seed. */
  static InputStream generated(long size, long seed) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private long remaining = size;

      @Override
      public int read() {
        if (remaining == 0) {
          return -1;
        }
        remaining--;
        return random.nextInt(256);
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (remaining == 0) {
          return -1;
        }
        int count = (int) Math.min(length, remaining);
        for (int i = 0; i < count; i++) {
          buffer[offset + i] = (byte) random.nextInt(256);
        }
        remaining -= count;
        return count;
      }
    };
  }

  /** {@code prefix} followed by a stream that fails, as a dropped upload would. */
  static InputStream failingAfter(byte[] prefix) {
    return new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        if (position < prefix.length) {
          return prefix[position++] & 0xff;
        }
        throw new IOException("connection reset by test");
      }
    };
  }

  /** The hex SHA-256 of everything left in {@code in}; closes it. */
  static String sha256(InputStream in) {
    try (in) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything in {@code in} as UTF-8 text; closes it. */
  static String text(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
