package dev.kiln.launcher.local;

import dev.kiln.launcher.EnvironmentBuildException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Python virtualenvs for local workloads, one per environment content hash, cached in {@code
 * <root>/<hash>}; a workload runs its job with {@code <venv>/bin/python}.
 *
 * <p>A virtualenv is built in a temporary folder and renamed into place only once pip succeeded, so
 * a folder named after a hash is always complete. Builds of the same hash are serialised within the
 * JVM and, through a file lock on {@code <root>/<hash>.lock}, across JVMs sharing the root.
 */
public final class Virtualenvs {

  private static final Pattern HASH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
  private static final int OUTPUT_TAIL = 200;

  /** A pip that hangs (a dead index) would otherwise hold the hash's lock for ever. */
  private static final Duration BUILD_LIMIT = Duration.ofHours(1);

  /**
   * JVM-wide, keyed by lock file: the JVM allows one {@link FileLock} per file, so two instances
   * over the same root must not ask for it at the same time.
   */
  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path root;
  private final String python;

  /**
   * @param root the cache folder, created when missing
   * @param python the base interpreter that creates the virtualenvs, e.g. {@code python3}
   */
  public Virtualenvs(Path root, String python) {
    try {
      this.root = Files.createDirectories(root).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.python = python;
  }

  /**
   * The virtualenv for this content hash, built with the requirements on first use.
   *
   * @param contentHash names the environment: letters, digits, {@code _} and {@code -}
   * @param pipRequirements lines of a pip requirements file; empty for a bare virtualenv
   * @param buildLog receives the build's output, line by line, when a build happens
   * @return the virtualenv's folder
   * @throws EnvironmentBuildException when venv or pip fail; nothing of the build is left
   */
  public Path ensure(String contentHash, List<String> pipRequirements, Consumer<String> buildLog) {
    if (contentHash == null || !HASH.matcher(contentHash).matches()) {
      throw new IllegalArgumentException("'" + contentHash + "' is not a content hash");
    }
    Path venv = root.resolve(contentHash);
    if (Files.isDirectory(venv)) {
      return venv;
    }
    Path lockFile = root.resolve(contentHash + ".lock");
    synchronized (LOCKS.computeIfAbsent(lockFile, key -> new Object())) {
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (!Files.isDirectory(venv)) {
          removeAbandonedBuilds(contentHash);
          build(contentHash, venv, List.copyOf(pipRequirements), buildLog);
        }
        return venv;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void build(String hash, Path venv, List<String> requirements, Consumer<String> buildLog)
      throws IOException {
    Path temp = root.resolve(".build-" + hash + "." + UUID.randomUUID());
    Deque<String> tail = new ArrayDeque<>();
    Consumer<String> log =
        line -> {
          if (tail.size() == OUTPUT_TAIL) {
            tail.removeFirst();
          }
          tail.addLast(line);
          buildLog.accept(line);
        };
    log.accept("Creating virtualenv " + hash + " with " + python);
    try {
      List<String> venvCommand = new ArrayList<>(List.of(python, "-m", "venv"));
      if (requirements.isEmpty()) {
        // ensurepip takes seconds; a bare environment never needs pip.
        venvCommand.add("--without-pip");
      }
      venvCommand.add(temp.toString());
      run(venvCommand, log, tail, "python -m venv");
      if (!requirements.isEmpty()) {
        Path file = temp.resolve("kiln-requirements.txt");
        Files.write(file, requirements, StandardCharsets.UTF_8);
        run(
            List.of(
                temp.resolve("bin/python").toString(),
                "-m",
                "pip",
                "install",
                "--no-input",
                "-r",
                file.toString()),
            log,
            tail,
            "pip install");
      }
      relocate(temp, venv);
      Files.move(temp, venv, StandardCopyOption.ATOMIC_MOVE);
      log.accept("Virtualenv " + hash + " is ready");
    } catch (IOException | RuntimeException e) {
      deleteTree(temp);
      throw e;
    }
  }

  private static void run(
      List<String> command, Consumer<String> log, Deque<String> tail, String what)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    // The JVM's own virtualenv, if any, must not leak into the one being built.
    builder.environment().remove("VIRTUAL_ENV");
    builder.environment().remove("PYTHONHOME");
    Process process = builder.start();
    CompletableFuture<Void> watchdog =
        CompletableFuture.runAsync(
            () -> {
              process.descendants().forEach(ProcessHandle::destroyForcibly);
              process.destroyForcibly();
            },
            CompletableFuture.delayedExecutor(BUILD_LIMIT.toSeconds(), TimeUnit.SECONDS));
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        log.accept(line);
      }
      int code = process.waitFor();
      if (code != 0) {
        throw new EnvironmentBuildException(
            what + " failed with exit code " + code + ": " + tellingLine(tail), List.copyOf(tail));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EnvironmentBuildException(what + " was interrupted", List.copyOf(tail));
    } finally {
      watchdog.cancel(false);
    }
  }

  /** pip's last {@code ERROR:} line says what went wrong; else the last line. */
  private static String tellingLine(Deque<String> tail) {
    List<String> lines = new ArrayList<>(tail);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("ERROR:")) {
        return lines.get(i);
      }
    }
    return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
  }

  /**
   * A virtualenv records its own path in the activation scripts and the shebangs of the console
   * scripts pip installed; point them at the final folder before the rename, or {@code bin/pip} and
   * every installed command would refer to the deleted temporary folder.
   */
  private static void relocate(Path temp, Path venv) throws IOException {
    byte[] from = temp.toString().getBytes(StandardCharsets.UTF_8);
    byte[] to = venv.toString().getBytes(StandardCharsets.UTF_8);
    List<Path> candidates = new ArrayList<>();
    candidates.add(temp.resolve("pyvenv.cfg"));
    try (DirectoryStream<Path> bin = Files.newDirectoryStream(temp.resolve("bin"))) {
      bin.forEach(candidates::add);
    }
    for (Path file : candidates) {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        byte[] content = Files.readAllBytes(file);
        byte[] replaced = replaceAll(content, from, to);
        if (replaced != content) {
          Files.write(file, replaced);
        }
      }
    }
  }

  /** {@code content} with every {@code from} replaced; the same array when there is none. */
  private static byte[] replaceAll(byte[] content, byte[] from, byte[] to) {
    ByteArrayOutputStream out = null;
    int copied = 0;
    for (int i = 0; i + from.length <= content.length; i++) {
      if (Arrays.equals(content, i, i + from.length, from, 0, from.length)) {
        if (out == null) {
          out = new ByteArrayOutputStream(content.length);
        }
        out.write(content, copied, i - copied);
        out.write(to, 0, to.length);
        copied = i + from.length;
        i = copied - 1;
      }
    }
    if (out == null) {
      return content;
    }
    out.write(content, copied, content.length - copied);
    return out.toByteArray();
  }

  /**
   * Temporary folders of builds whose JVM died; safe to delete while holding the hash's lock. The
   * dot cannot occur in a hash, so no other hash's build matches.
   */
  private void removeAbandonedBuilds(String hash) throws IOException {
    try (DirectoryStream<Path> abandoned =
        Files.newDirectoryStream(root, ".build-" + hash + ".*")) {
      for (Path dir : abandoned) {
        deleteTree(dir);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
