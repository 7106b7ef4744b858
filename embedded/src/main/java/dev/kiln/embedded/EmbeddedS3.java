package dev.kiln.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 API server (s3proxy) running in this JVM on 127.0.0.1, for the standalone platform and
 * for tests.
 *
 * <p>Started with a directory, buckets and objects are kept as files under it and survive a restart
 * on the same directory; started without one, everything lives in memory and is lost on {@link
 * #close()}. Requests must be signed (AWS signature V2 or V4) with {@link #accessKey()} and {@link
 * #secretKey()}, generated at start unless given. The caller owns the server and closes it.
 */
public final class EmbeddedS3 implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_ALPHABET = KEY_ALPHABET + "abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final S3Proxy proxy;
  private final String accessKey;
  private final String secretKey;

  private EmbeddedS3(S3Proxy proxy, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts a server on a free port with generated credentials.
   *
   * @param directoryOrNull where buckets are kept (created if missing), or {@code null} to keep
   *     them in memory
   */
  public static EmbeddedS3 start(Path directoryOrNull) {
    return start(directoryOrNull, 0);
  }

  /** Starts a server on {@code port} (0 picks a free one) with generated credentials. */
  public static EmbeddedS3 start(Path directoryOrNull, int port) {
    return start(
        directoryOrNull, port, randomString(KEY_ALPHABET, 20), randomString(SECRET_ALPHABET, 40));
  }

  /** Starts a server on {@code port} (0 picks a free one) that accepts the given credentials. */
  public static EmbeddedS3 start(
      Path directoryOrNull, int port, String accessKey, String secretKey) {
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore(directoryOrNull))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    try {
      proxy.start();
      awaitStarted(proxy);
    } catch (Exception e) {
      stopQuietly(proxy, e);
      throw new IllegalStateException("The embedded S3 server did not start on port " + port, e);
    }
    return new EmbeddedS3(proxy, accessKey, secretKey);
  }

  /** The base URI of the S3 API, for example {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public int port() {
    return proxy.getPort();
  }

  /** Stops the server; kept data stays in its directory. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("The embedded S3 server did not stop", e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedS3[" + endpoint() + "]";
  }

  private static BlobStore blobStore(Path directoryOrNull) {
    if (directoryOrNull == null) {
      return new TransientNio2BlobStore();
    }
    try {
      Path directory = Files.createDirectories(directoryOrNull).toAbsolutePath();
      return new FilesystemNio2BlobStore(directory.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the S3 data directory " + directoryOrNull, e);
    }
  }

  private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "still " + proxy.getState() + " after " + START_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
  }

  private static void stopQuietly(S3Proxy proxy, Exception cause) {
    try {
      proxy.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  private static String randomString(String alphabet, int length) {
    StringBuilder builder = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      builder.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return builder.toString();
  }
}
