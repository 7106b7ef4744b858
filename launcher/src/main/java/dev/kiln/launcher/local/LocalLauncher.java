package dev.kiln.launcher.local;

import dev.kiln.launcher.LaunchException;
import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.LogStream;
import dev.kiln.launcher.WorkloadIds;
import dev.kiln.launcher.WorkloadLayout;
import dev.kiln.launcher.WorkloadSpec;
import dev.kiln.launcher.WorkloadStatus;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs workloads as processes on this machine, each in its own session and process group, so that
 * they outlive the JVM and a new launcher over the same root re-attaches to them. A workload lives
 * in {@code <root>/<id>} (see {@link WorkloadFolder}); its layout is {@code <root>/<id>/files} and
 * {@code <root>/<id>/work}. The spec's image and resources are ignored, and a service's port is
 * informational: the process binds what it likes.
 */
public final class LocalLauncher implements Launcher {

  /** The variables a workload inherits from the JVM; everything else comes from its spec. */
  static final List<String> INHERITED_ENVIRONMENT =
      List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR");

  /**
   * Runs the command (its arguments are the wrapper's positional parameters, so they are never
   * parsed as shell text) with its output in {@code output.log}, then records the exit code
   * atomically and kills what the command left behind in the group, as a container's end would. The
   * TERM trap keeps the wrapper alive until the command has reacted to a stop.
   */
  private static final String WRAPPER =
      "trap : TERM\n"
          + "dir=$1\n"
          + "shift\n"
          + "\"$@\" >\"$dir/output.log\" 2>&1 </dev/null\n"
          + "code=$?\n"
          + "printf '%s\\n' \"$code\" >\"$dir/.exit\" && mv -f \"$dir/.exit\" \"$dir/exit\"\n"
          + "kill -s KILL 0\n";

  private static final long POLL_MILLIS = 50;
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Path root;
  private final Duration stopGrace;

  /** A launcher over {@code root} that gives a stopped workload 10 s before killing it. */
  public LocalLauncher(Path root) {
    this(root, Duration.ofSeconds(10));
  }

  /**
   * A launcher over {@code root}, created when missing.
   *
   * @param stopGrace how long {@link #stop} waits after SIGTERM before it sends SIGKILL
   */
  public LocalLauncher(Path root, Duration stopGrace) {
    try {
      this.root = Files.createDirectories(root).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.stopGrace = stopGrace;
  }

  @Override
  public String backend() {
    return "local";
  }

  @Override
  public WorkloadLayout layout(String workloadId) {
    WorkloadFolder folder = folder(workloadId);
    return new WorkloadLayout(folder.files().toString(), folder.work().toString());
  }

  @Override
  public void launch(WorkloadSpec spec) {
    WorkloadFolder folder = folder(spec.id());
    if (folder.exists()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.addAll(List.of("setsid", "/bin/sh", "-c", WRAPPER, "kiln", folder.dir().toString()));
    command.addAll(spec.command());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.work().toFile())
            .redirectInput(new File("/dev/null"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.clear();
    INHERITED_ENVIRONMENT.forEach(
        name -> Optional.ofNullable(System.getenv(name)).ifPresent(v -> environment.put(name, v)));
    environment.putAll(spec.environment());
    requireEncodable(command, environment);
    if (!prepare(folder, spec)) {
      return;
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      folder.recordLaunchError("could not start the process: " + e.getMessage());
      throw new LaunchException("Cannot start workload " + spec.id() + ": " + e.getMessage(), e);
    }
    // setsid execs the shell in place, so this pid leads the new session and process group.
    long startTicks =
        ProcessTable.stat(process.pid()).map(ProcessTable.Stat::startTicks).orElse(-1L);
    folder.recordLeader(process.pid(), startTicks);
  }

  @Override
  public Optional<WorkloadStatus> status(String workloadId) {
    WorkloadFolder folder = folder(workloadId);
    if (!folder.exists()) {
      return Optional.empty();
    }
    try {
      return Optional.of(folder.status());
    } catch (UncheckedIOException e) {
      // remove() deleted the folder while we read it.
      return folder.exists() ? Optional.of(folder.status()) : Optional.empty();
    }
  }

  @Override
  public LogStream logs(String workloadId, boolean follow) {
    WorkloadFolder folder = folder(workloadId);
    return FileLogStream.open(
        folder.log(), follow, () -> status(workloadId).map(s -> s.state().ended()).orElse(true));
  }

  @Override
  public void stop(String workloadId) {
    WorkloadFolder folder = folder(workloadId);
    Optional<WorkloadFolder.Leader> leader = folder.leader();
    if (leader.isEmpty() || !leader.get().alive() || Files.exists(folder.dir().resolve("exit"))) {
      return;
    }
    folder.markStopped();
    long group = leader.get().pid();
    // The leader is alive, so its pid still names our process group: signalling it is safe.
    ProcessTable.signalGroup(group, "TERM");
    if (!awaitEnd(leader.get(), stopGrace) && leader.get().alive()) {
      ProcessTable.signalGroup(group, "KILL");
      awaitEnd(leader.get(), KILL_WAIT);
    }
  }

  @Override
  public void remove(String workloadId) {
    stop(workloadId);
    Path dir = folder(workloadId).dir();
    if (!Files.exists(dir)) {
      return;
    }
    try {
      deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private WorkloadFolder folder(String workloadId) {
    WorkloadIds.requireValid(workloadId);
    return new WorkloadFolder(root.resolve(workloadId));
  }

  /**
   * Fills a temporary folder and renames it into place, so that a workload's folder is complete
   * when it appears and, of two launches of the same id, exactly one wins.
   *
   * @return false when the workload's folder already exists
   */
  private boolean prepare(WorkloadFolder folder, WorkloadSpec spec) {
    Path temp = root.resolve(".launch-" + spec.id() + "-" + UUID.randomUUID());
    WorkloadFolder staged = new WorkloadFolder(temp);
    try {
      Files.createDirectories(staged.files());
      Files.createDirectories(staged.work());
      for (Map.Entry<String, byte[]> file : spec.files().entrySet()) {
        Files.write(staged.files().resolve(file.getKey()), file.getValue());
      }
      Files.createFile(staged.log());
      Files.move(temp, folder.dir(), StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      deleteQuietly(temp);
      // rename(2) onto an existing workload's folder fails (ENOTEMPTY): a concurrent launch won.
      if (folder.exists()) {
        return false;
      }
      throw new LaunchException("Cannot prepare workload " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Java hands arguments and environment to a process in the platform encoding (the default charset
   * on Java 17, {@code sun.jnu.encoding} from 18 on); under a non-UTF-8 locale it would silently
   * turn non-ASCII characters into '?', so refuse instead.
   */
  private static void requireEncodable(List<String> command, Map<String, String> environment) {
    String jnu = Runtime.version().feature() >= 18 ? System.getProperty("sun.jnu.encoding") : null;
    Charset charset =
        jnu != null && Charset.isSupported(jnu) ? Charset.forName(jnu) : Charset.defaultCharset();
    CharsetEncoder encoder = charset.newEncoder();
    List<String> values = new ArrayList<>(command);
    environment.forEach(
        (name, value) -> {
          values.add(name);
          values.add(value);
        });
    for (String value : values) {
      if (!encoder.canEncode(value)) {
        throw new LaunchException(
            "The JVM's encoding "
                + charset
                + " cannot pass '"
                + value
                + "' to a process; run it under a UTF-8 locale (LANG=C.UTF-8)");
      }
    }
  }

  private static boolean awaitEnd(WorkloadFolder.Leader leader, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (leader.alive()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      // A leftover temporary folder is harmless: its name never matches a workload id.
    }
  }
}
