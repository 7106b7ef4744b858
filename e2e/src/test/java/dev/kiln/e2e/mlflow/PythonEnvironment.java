package dev.kiln.e2e.mlflow;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Python virtualenv with the packages of a requirements file on the test classpath, built once
 * with {@code python3 -m venv} and {@code pip install} and kept in {@code ~/.cache/kiln/venvs/<hash
 * of the requirements>}, so that later runs skip the install (about 70 seconds). A half-built
 * environment (an install that failed or was killed) has no completion mark and is built again; a
 * file lock keeps two test JVMs from building the same one at once.
 */
final class PythonEnvironment {

  private static final String DONE = ".kiln-installed";

  private final Path home;

  private PythonEnvironment(Path home) {
    this.home = home;
  }

  /** The environment of {@code requirementsResource}, built now unless it was before. */
  static PythonEnvironment of(String requirementsResource) {
    String requirements = resource(requirementsResource);
    Path venvs = Path.of(System.getProperty("user.home"), ".cache", "kiln", "venvs");
    Path home = venvs.resolve(sha256(requirements).substring(0, 16));
    try {
      Files.createDirectories(venvs);
      try (FileChannel lockFile =
              FileChannel.open(
                  venvs.resolve(home.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.exists(home.resolve(DONE))) {
          build(home, requirements);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PythonEnvironment(home);
  }

  /** The environment's interpreter. */
  Path python() {
    return home.resolve("bin").resolve("python");
  }

  /** What one run of a command printed, and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {

    /** The last line of standard output: the scripts print their answer there. */
    String lastLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  /** Runs {@code python args...} with these variables on top of the test's environment. */
  Result run(Map<String, String> environment, long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add(python().toString());
    command.addAll(List.of(args));
    return exec(command, environment, timeoutSeconds);
  }

  private static void build(Path home, String requirements) throws IOException {
    if (Files.exists(home)) {
      deleteTree(home);
    }
    Path requirementsFile = Files.createTempFile("kiln-requirements", ".txt");
    try {
      Files.writeString(requirementsFile, requirements);
      check(exec(List.of(systemPython(), "-m", "venv", home.toString()), Map.of(), 120));
      check(
          exec(
              List.of(
                  home.resolve("bin/python").toString(),
                  "-m",
                  "pip",
                  "install",
                  "--quiet",
                  "-r",
                  requirementsFile.toString()),
              Map.of(),
              900));
      Files.writeString(home.resolve(DONE), requirements);
    } finally {
      Files.deleteIfExists(requirementsFile);
    }
  }

  /** {@code $KILN_PYTHON}, else {@code python3} from the PATH. */
  private static String systemPython() {
    String configured = System.getenv("KILN_PYTHON");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
        return Path.of(dir, "python3").toString();
      }
    }
    return fail("python3 is not on the PATH; install Python 3 or set KILN_PYTHON to it");
  }

  private static Result exec(List<String> command, Map<String, String> variables, long seconds) {
    try {
      Path out = Files.createTempFile("kiln-python", ".out");
      Path err = Files.createTempFile("kiln-python", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(variables);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail("%s ran longer than %d s%nstderr:%n%s", command, seconds, Files.readString(err));
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void check(Result result) {
    if (result.exitCode() != 0) {
      fail(
          "building the Python environment failed (exit %d)%nstdout:%n%s%nstderr:%n%s",
          result.exitCode(), result.stdout(), result.stderr());
    }
  }

  private static String resource(String name) {
    try (InputStream in = PythonEnvironment.class.getResourceAsStream(name)) {
      if (in == null) {
        return fail("no resource %s on the test classpath", name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
