package dev.kiln.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The command-line frame every benchmark shares: {@code --help}, options refused with the usage and
 * exit 2, the run's own exit status (0 when every target was met), and exit 2 when it broke.
 */
public final class BenchCommand {

  /** A benchmark ready to run, built from its options. */
  public interface Bench {

    /** Runs it; answers 0 when every target was met, 1 otherwise. */
    int run() throws IOException;
  }

  private BenchCommand() {}

  /**
   * Parses {@code args} into a benchmark with {@code setUp} (which throws {@link
   * IllegalArgumentException} for bad options), runs it and exits with its status.
   */
  public static void main(String[] args, String usage, Function<String[], Bench> setUp) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(usage);
      return;
    }
    Bench bench;
    try {
      bench = setUp.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(usage);
      System.exit(2);
      return;
    }
    int status;
    try {
      status = bench.run();
    } catch (RuntimeException | IOException e) {
      System.err.println("bench: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** An option's http(s) URL, without a trailing slash. */
  public static URI httpUrl(String option, String text) {
    URI uri;
    try {
      uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " wants a URL, not '" + text + "'.");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(option + " wants an http(s) URL, not '" + text + "'.");
    }
    return uri;
  }
}
