package dev.kiln.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real OCI image registry for a test: go-containerregistry's registry ({@code crane registry
 * serve}, built into {@code .tools/bin} by {@code .ci/install-tools}), in memory, on a free port of
 * 127.0.0.1, which a Docker engine pushes to and pulls from over plain HTTP (loopback registries
 * are insecure by default).
 */
public final class ImageRegistry implements AutoCloseable {

  private static final String INSTALL_HINT =
      "run .ci/install-tools at the repository root (it builds crane into .tools/bin)";

  private final Process process;
  private final String address;
  private final HttpClient http = HttpClient.newHttpClient();

  private ImageRegistry(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  /** Starts a registry and waits until it answers {@code GET /v2/}. */
  public static ImageRegistry start() {
    int port = FreePorts.block(1);
    String address = "127.0.0.1:" + port;
    Process process;
    try {
      process =
          new ProcessBuilder(crane().toString(), "registry", "serve", "--address", address)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ImageRegistry registry = new ImageRegistry(process, address);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> registry.get("/v2/").statusCode() == 200);
    return registry;
  }

  /** {@code 127.0.0.1:<port>}: the start of the image names this registry holds. */
  public String address() {
    return address;
  }

  /** The registry's answer to {@code GET path}, for example {@code /v2/<name>/tags/list}. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + address + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy();
  }

  /** crane from $KILN_CRANE, else the repository's .tools/bin/crane, else the PATH. */
  private static Path crane() {
    String configured = System.getenv("KILN_CRANE");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path installed = dir.resolve(".tools/bin/crane");
      if (Files.isExecutable(installed)) {
        return installed;
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "crane");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "crane was not found (KILN_CRANE, .tools/bin, PATH): " + INSTALL_HINT);
  }
}
