package dev.kiln.standalone;

import dev.kiln.testsupport.FreePorts;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One standalone platform for every test class of this module, started on first use in a temporary
 * home on a free block of ports, and stopped when the test JVM exits.
 */
final class SharedPlatform {

  private static StandalonePlatform platform;

  private SharedPlatform() {}

  static synchronized StandalonePlatform get() {
    if (platform == null) {
      try {
        Path home = Files.createTempDirectory("kiln-standalone-test");
        platform = StandalonePlatform.start(new StandaloneSettings(home, FreePorts.block(10)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> platform.close(), "kiln-test-platform"));
    }
    return platform;
  }

  /** Stops the platform and starts it again on the same home and ports. */
  static synchronized StandalonePlatform restart() {
    StandaloneSettings settings = get().settings();
    platform.close();
    platform = StandalonePlatform.start(settings);
    return platform;
  }

  /** A client of the gateway carrying the administrator's token. */
  static TestHttp asAdmin() {
    try {
      String token = Files.readString(get().settings().adminToken()).trim();
      return as(token);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client of the gateway carrying {@code token}. */
  static TestHttp as(String token) {
    return new TestHttp(get().gatewayUrl()).withHeaders(Map.of("Authorization", "Bearer " + token));
  }
}
