package dev.kiln.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds free ports for servers a test starts on fixed ports (the standalone platform). */
public final class FreePorts {

  private FreePorts() {}

  /** A base port such that it and the {@code count - 1} ports after it are free right now. */
  public static int block(int count) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("No block of " + count + " free ports found");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
