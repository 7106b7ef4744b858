package dev.kiln.standalone;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./kiln up}: starts the whole platform in the foreground, prints where it answers and how
 * long it took, and stops everything cleanly on Ctrl-C or SIGTERM.
 */
public final class KilnStandalone {

  private KilnStandalone() {}

  public static void main(String[] args) throws InterruptedException {
    // One logging configuration for every context, set before any Spring class loads.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    long started = System.nanoTime();
    StandaloneSettings settings = StandaloneSettings.fromEnvironment(System.getenv());
    System.setProperty("kiln.home", settings.home().toAbsolutePath().toString());
    StandalonePlatform platform;
    try {
      platform = StandalonePlatform.start(settings);
    } catch (RuntimeException e) {
      System.err.println("kiln: the platform did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Kiln...");
                  platform.close();
                  stopped.countDown();
                },
                "kiln-shutdown"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "%nKiln is up at %s (started in %.1f s)%n"
            + "  data:        %s%n"
            + "  admin token: %s%n"
            + "  try:         ./kiln workspace create demo && ./kiln workspace list%n"
            + "Press Ctrl-C to stop.%n",
        platform.gatewayUrl(),
        took.toMillis() / 1000.0,
        settings.home().toAbsolutePath(),
        settings.adminToken().toAbsolutePath());
    stopped.await();
  }
}
