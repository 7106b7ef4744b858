package dev.kiln.e2e.packaging;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds the repository and the command-line tools that the packaging test drives (helm,
 * docker-compose), and runs them. A missing tool fails the test with instructions: a packaging test
 * that skips itself would hide a broken chart.
 */
final class Tooling {

  private static final String INSTALL_HINT =
      "run .ci/install-tools at the repository root (it builds helm into .tools/bin and installs"
          + " Debian's docker-compose)";

  private Tooling() {}

  /** The output of one finished command. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {

    /** Fails the test unless the command exited 0, showing what it printed. */
    Result assertSucceeded() {
      if (exitCode != 0) {
        fail(
            "%s exited with %d%nstdout:%n%s%nstderr:%n%s",
            String.join(" ", command), exitCode, stdout, stderr);
      }
      return this;
    }
  }

  /** The nearest folder, from the working directory upwards, that holds docker-compose.yml. */
  static Path repositoryRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    return fail("no docker-compose.yml in %s or any folder above it", start);
  }

  /** helm from $KILN_HELM, else the repository's .tools/bin/helm, else the PATH. */
  static Path helm(Path repositoryRoot) {
    String configured = System.getenv("KILN_HELM");
    if (configured != null && !configured.isBlank()) {
      Path helm = Path.of(configured);
      if (!Files.isExecutable(helm)) {
        fail("KILN_HELM=%s is not an executable file; unset it or %s", configured, INSTALL_HINT);
      }
      return helm;
    }
    Path installed = repositoryRoot.resolve(".tools/bin/helm");
    if (Files.isExecutable(installed)) {
      return installed;
    }
    return onPath("helm");
  }

  /** docker-compose from the PATH. */
  static Path dockerCompose() {
    return onPath("docker-compose");
  }

  private static Path onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail("%s was not found (KILN_HELM, .tools/bin, PATH): %s", name, INSTALL_HINT);
  }

  /**
   * Runs a command in a folder and waits for it. The child gets this process's environment without
   * any KILN_* or HELM_* variable, so that a developer's shell cannot change what the files render
   * to, plus {@code environment}.
   */
  static Result run(Path workingDirectory, Map<String, String> environment, List<String> command) {
    try {
      Path stdout = Files.createTempFile("kiln-packaging-", ".out");
      Path stderr = Files.createTempFile("kiln-packaging-", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder
            .environment()
            .keySet()
            .removeIf(name -> name.startsWith("KILN_") || name.startsWith("HELM_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          return fail("%s did not finish within 2 minutes", String.join(" ", command));
        }
        return new Result(
            List.copyOf(command),
            process.exitValue(),
            Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      return fail("could not run %s: %s", String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while running %s", String.join(" ", command));
    }
  }

  /** Joins a program and its arguments into one command list. */
  static List<String> command(Path program, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(List.of(arguments));
    return command;
  }
}
