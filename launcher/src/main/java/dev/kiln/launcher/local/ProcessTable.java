package dev.kiln.launcher.local;

import dev.kiln.launcher.LaunchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code /proc} and signals process groups. A process is identified by its pid together with
 * its start time (clock ticks after boot), which no later process with a reused pid can share.
 */
final class ProcessTable {

  private static final Path PROC = Path.of("/proc");

  private ProcessTable() {}

  /** A process as {@code /proc/<pid>/stat} describes it. */
  record Stat(long pid, char state, long processGroup, long startTicks) {

    boolean zombie() {
      return state == 'Z' || state == 'X';
    }
  }

  /** The process's stat line, or empty when there is no such process. */
  static Optional<Stat> stat(long pid) {
    String line;
    try {
      line =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // The process vanished while we read, or /proc refused us: either way we cannot see it.
      return Optional.empty();
    }
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    int close = line.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] fields = line.substring(close + 2).trim().split(" ");
    // fields[0] is field 3 (state); process group is field 5, start time field 22.
    return Optional.of(
        new Stat(pid, fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[19])));
  }

  /** Whether the process with this pid and start time still runs (a zombie does not). */
  static boolean alive(long pid, long startTicks) {
    return stat(pid).filter(s -> s.startTicks() == startTicks && !s.zombie()).isPresent();
  }

  /** Sends a signal ({@code TERM}, {@code KILL}) to every process of a process group. */
  static void signalGroup(long processGroup, String signal) {
    // Java offers no killpg; the shell's kill builtin signals the group atomically.
    ProcessBuilder kill =
        new ProcessBuilder(
                "/bin/sh",
                "-c",
                "kill -s \"$1\" -- \"-$2\" 2>/dev/null",
                "kill",
                signal,
                Long.toString(processGroup))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      kill.start().waitFor();
    } catch (IOException e) {
      throw new LaunchException("Cannot run kill: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
