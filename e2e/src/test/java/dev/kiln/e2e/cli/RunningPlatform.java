package dev.kiln.e2e.cli;

import dev.kiln.cli.KilnCli;
import dev.kiln.cli.Terminal;
import dev.kiln.cli.config.Environment;
import dev.kiln.standalone.StandalonePlatform;
import dev.kiln.standalone.StandaloneSettings;
import dev.kiln.testsupport.FreePorts;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One standalone platform for the end-to-end tests of this JVM, and the {@code kiln} CLI run in
 * process against it with the settings a user's shell gives it ({@code KILN_HOME}, {@code
 * KILN_PORT}, and so the admin token file). Public so that end-to-end tests of other packages share
 * the one platform.
 */
public final class RunningPlatform {

  /** What one CLI run printed and how it exited. */
  record Run(int exitCode, String out, String err) {}

  private static StandalonePlatform platform;

  private RunningPlatform() {}

  public static synchronized StandalonePlatform get() {
    if (platform == null) {
      try {
        Path home = Files.createTempDirectory("kiln-e2e-home");
        platform = StandalonePlatform.start(new StandaloneSettings(home, FreePorts.block(10)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> platform.close(), "kiln-e2e-platform"));
    }
    return platform;
  }

  /** The gateway as the administrator: for a test's own set-up and checks beside the CLI. */
  static TestHttp admin() {
    try {
      String token = Files.readString(get().settings().adminToken()).strip();
      return new TestHttp(get().gatewayUrl())
          .withHeaders(Map.of("Authorization", "Bearer " + token));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path home() {
    return get().settings().home();
  }

  /** Runs {@code kiln args...} as the administrator. */
  static Run kiln(String... args) {
    return kilnWith(Map.of(), args);
  }

  /** Runs {@code kiln args...} with these environment variables on top of the user's. */
  static Run kilnWith(Map<String, String> variables, String... args) {
    Map<String, String> environment = new HashMap<>();
    environment.put("KILN_HOME", home().toString());
    environment.put("KILN_PORT", String.valueOf(get().settings().port()));
    environment.putAll(variables);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new KilnCli(
                new Environment(environment, home()),
                Terminal.none(),
                new PrintWriter(out, true),
                new PrintWriter(err, true))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
