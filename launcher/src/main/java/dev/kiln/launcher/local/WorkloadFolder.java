package dev.kiln.launcher.local;

import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The folder {@code <root>/<id>} of one local workload: everything a launcher knows about the
 * workload is in these files, so any launcher over the same root finds it again.
 *
 * <ul>
 *   <li>{@code files/}, {@code work/}: the workload's layout;
 *   <li>{@code output.log}: its stdout and stderr;
 *   <li>{@code process}: pid and start time of the wrapper shell, the process group leader;
 *   <li>{@code exit}: the command's exit code, written by the wrapper once it ended;
 *   <li>{@code stopped}: written by {@code stop} before it signals the group;
 *   <li>{@code launch-error}: why the process could not be started.
 * </ul>
 */
record WorkloadFolder(Path dir) {

  /** How long a folder without a process record counts as being launched rather than dead. */
  private static final Duration LAUNCH_WINDOW = Duration.ofSeconds(10);

  Path files() {
    return dir.resolve("files");
  }

  Path work() {
    return dir.resolve("work");
  }

  Path log() {
    return dir.resolve("output.log");
  }

  boolean exists() {
    return Files.isDirectory(dir);
  }

  boolean stopRequested() {
    return Files.exists(dir.resolve("stopped"));
  }

  void markStopped() {
    try {
      Files.writeString(dir.resolve("stopped"), Instant.now().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The wrapper shell: the leader of the workload's process group. */
  record Leader(long pid, long startTicks) {

    boolean alive() {
      return ProcessTable.alive(pid, startTicks);
    }
  }

  /** The wrapper's pid and start time, or empty before they were recorded. */
  Optional<Leader> leader() {
    return read("process")
        .map(text -> text.trim().split(" "))
        .map(parts -> new Leader(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
  }

  void recordLeader(long pid, long startTicks) {
    writeAtomically("process", pid + " " + startTicks + "\n");
  }

  void recordLaunchError(String message) {
    writeAtomically("launch-error", message);
  }

  /** Whether the workload's wrapper (and so its command) still runs. */
  boolean running() {
    return leader().filter(Leader::alive).isPresent();
  }

  /** The workload's state, derived from the files alone. */
  WorkloadStatus status() {
    if (stopRequested()) {
      return WorkloadStatus.of(WorkloadState.STOPPED);
    }
    Optional<WorkloadStatus> ended = endedByItself();
    if (ended.isPresent()) {
      return ended.get();
    }
    Optional<String> launchError = read("launch-error");
    if (launchError.isPresent()) {
      return new WorkloadStatus(WorkloadState.FAILED, null, launchError.get());
    }
    Optional<Leader> leader = leader();
    if (leader.isPresent() && leader.get().alive()) {
      return WorkloadStatus.of(WorkloadState.RUNNING);
    }
    if (leader.isEmpty() && youngerThan(LAUNCH_WINDOW)) {
      return WorkloadStatus.of(WorkloadState.PENDING);
    }
    // The process may have written its exit code between the first look and the liveness check.
    return endedByItself()
        .orElse(
            new WorkloadStatus(
                WorkloadState.FAILED, null, "the process ended without an exit code"));
  }

  private Optional<WorkloadStatus> endedByItself() {
    return read("exit")
        .map(String::trim)
        .map(Integer::valueOf)
        .map(
            code ->
                new WorkloadStatus(
                    code == 0 ? WorkloadState.SUCCEEDED : WorkloadState.FAILED, code, null));
  }

  private boolean youngerThan(Duration age) {
    try {
      return Files.getLastModifiedTime(dir).toInstant().plus(age).isAfter(Instant.now());
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<String> read(String name) {
    try {
      return Optional.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeAtomically(String name, String content) {
    Path temp = dir.resolve("." + name + "-" + UUID.randomUUID());
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
