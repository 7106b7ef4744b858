package dev.kiln.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.LauncherContract;
import dev.kiln.launcher.WorkloadKind;
import dev.kiln.launcher.WorkloadState;
import dev.kiln.launcher.WorkloadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend against the launcher contract, plus what only processes on this host show. */
class LocalLauncherTest extends LauncherContract {

  @TempDir Path root;

  @Override
  protected Launcher newLauncher() {
    return new LocalLauncher(root, Duration.ofSeconds(2));
  }

  @Override
  protected String pythonImage() {
    return "unused-locally";
  }

  @Override
  protected String python() {
    return "python3";
  }

  @Test
  void passesOnlyTheBasicVariablesOfTheJvmAndTheSpecWins() {
    String leaking =
        System.getenv().keySet().stream()
            .filter(name -> !LocalLauncher.INHERITED_ENVIRONMENT.contains(name))
            .filter(name -> name.matches("[A-Z_][A-Z0-9_]*"))
            .findFirst()
            .orElseThrow();
    String id =
        launch(
            fixture(
                newId(),
                List.of("--env", leaking, "--env", "HOME", "--env", "PATH"),
                Map.of("HOME", "/home/from-spec")));

    assertThat(awaitEnded(id).state()).isEqualTo(WorkloadState.SUCCEEDED);

    List<String> lines = logLines(id);
    assertThat(lines).contains("env:" + leaking + " unset", "env:HOME=/home/from-spec");
    // The python3 on PATH may be a shim (pyenv) that puts its own folders in front.
    assertThat(lines)
        .anySatisfy(
            line -> assertThat(line).startsWith("env:PATH=").endsWith(System.getenv("PATH")));
  }

  @Test
  void concurrentLaunchesOfOneIdStartOneProcess() throws Exception {
    String id = newId();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> launches = new ArrayList<>();
      for (String name : List.of("first", "second")) {
        launches.add(
            pool.submit(
                () -> {
                  start.await();
                  return launch(fixture(id, List.of("--", name), Map.of()));
                }));
      }
      start.countDown();
      for (Future<String> launched : launches) {
        launched.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(awaitEnded(id).state()).isEqualTo(WorkloadState.SUCCEEDED);
    assertThat(logLines(id).stream().filter(line -> line.startsWith("arg="))).hasSize(1);
    try (Stream<Path> entries = Files.list(root)) {
      assertThat(entries.map(path -> path.getFileName().toString())).containsExactly(id);
    }
  }

  @Test
  void aReusedPidIsNotMistakenForTheWorkload() throws IOException {
    long jvm = ProcessHandle.current().pid();
    long jvmStart = ProcessTable.stat(jvm).orElseThrow().startTicks();
    WorkloadFolder reused = recordedFolder(newId(), jvm, jvmStart + 1);
    WorkloadFolder live = recordedFolder(newId(), jvm, jvmStart);

    WorkloadStatus reusedStatus =
        launcher.status(reused.dir().getFileName().toString()).orElseThrow();

    assertThat(reusedStatus.state()).isEqualTo(WorkloadState.FAILED);
    assertThat(reusedStatus.message()).isEqualTo("the process ended without an exit code");
    assertThat(launcher.status(live.dir().getFileName().toString()))
        .map(WorkloadStatus::state)
        .contains(WorkloadState.RUNNING);
  }

  @Test
  void stopKillsTheWholeProcessGroupIncludingGrandchildren() throws IOException {
    String id = newId();
    // The grandchild is orphaned at once, so only its process group ties it to the workload; it
    // and the child ignore SIGTERM, so only the SIGKILL after the grace period ends them.
    String script =
        "trap '' TERM; (trap '' TERM; sleep 60 & echo $! > grandchild.pid); echo started; sleep 60";
    launch(spec(id, WorkloadKind.JOB, List.of("/bin/sh", "-c", script), Map.of(), Map.of()));
    Path pidFile = Path.of(launcher.layout(id).workDir(), "grandchild.pid");
    awaiting().until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
    long grandchild = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(alive(grandchild)).isTrue();

    launcher.stop(id);

    assertThat(launcher.status(id)).map(WorkloadStatus::state).contains(WorkloadState.STOPPED);
    awaiting().until(() -> !alive(grandchild));
  }

  @Test
  void leftoversOfAFinishedCommandAreKilled() throws IOException {
    String id = newId();
    String script = "sleep 60 & echo $! > background.pid; exit 0";
    launch(spec(id, WorkloadKind.JOB, List.of("/bin/sh", "-c", script), Map.of(), Map.of()));
    Path pidFile = Path.of(launcher.layout(id).workDir(), "background.pid");

    assertThat(awaitEnded(id).state()).isEqualTo(WorkloadState.SUCCEEDED);

    long background = Long.parseLong(Files.readString(pidFile).trim());
    awaiting().until(() -> !alive(background));
  }

  @Test
  void aCommandThatCannotBeFoundFailsWithCode127() {
    String id = newId();
    launch(spec(id, WorkloadKind.JOB, List.of("kiln-no-such-program"), Map.of(), Map.of()));

    WorkloadStatus status = awaitEnded(id);

    assertThat(status.state()).isEqualTo(WorkloadState.FAILED);
    assertThat(status.exitCode()).isEqualTo(127);
  }

  private WorkloadFolder recordedFolder(String id, long pid, long startTicks) throws IOException {
    WorkloadFolder folder = new WorkloadFolder(root.toRealPath().resolve(id));
    Files.createDirectories(folder.dir());
    folder.recordLeader(pid, startTicks);
    return folder;
  }

  private static boolean alive(long pid) {
    return ProcessTable.stat(pid).filter(stat -> !stat.zombie()).isPresent();
  }
}
