package dev.kiln.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Launcher} backend promises, checked with a fixture workload ({@code
 * fixture_workload.py}, placed through {@link WorkloadSpec#files()}) whose exit code, start delay
 * and run time are set by its arguments. A backend's test extends this class and says how to create
 * a launcher and how to run python on it.
 *
 * <p>Every test starts its own workloads under fresh ids and removes them afterwards. Arguments and
 * environment values carry quotes, spaces, shell syntax, backslashes and non-ASCII text, so a
 * backend that passes them through a shell, or through the wrong encoding, fails.
 */
@Timeout(120)
public abstract class LauncherContract {

  /** The fixture's file name in {@code filesDir}. */
  protected static final String FIXTURE = "fixture_workload.py";

  /** Values that break naive quoting or encoding; each must arrive unchanged. */
  protected static final List<String> HOSTILE_VALUES =
      List.of(
          "it's \"quoted\"",
          "  spaces  around  ",
          "$HOME and ${HOME} and $(echo no) and `echo no`",
          "a & b ; c | d > e",
          "back\\slash \\n \\\\ end\\",
          "Grüße ☃ 東京",
          "*",
          "");

  /** The launcher under test, created fresh for each test. */
  protected Launcher launcher;

  private final Set<String> launched = ConcurrentHashMap.newKeySet();

  /** A new launcher over the same backend (and, locally, the same root folder) as the others. */
  protected abstract Launcher newLauncher();

  /** The image that holds {@link #python()}; ignored by the local backend. */
  protected abstract String pythonImage();

  /** How the workload calls python, e.g. {@code python3}. */
  protected abstract String python();

  /**
   * Whether the log of a stopped workload can still be read: not on Kubernetes, where stopping
   * deletes the pod and its log with it.
   */
  protected boolean keepsTheLogOfAStoppedWorkload() {
    return true;
  }

  /** How long a workload may take to start and end on this backend. */
  protected Duration patience() {
    return Duration.ofSeconds(20);
  }

  @BeforeEach
  void createLauncher() {
    launcher = newLauncher();
  }

  @AfterEach
  void removeWorkloads() {
    try {
      for (String id : launched) {
        launcher.remove(id);
      }
    } finally {
      launcher.close();
    }
  }

  @Test
  void exitCodeZeroSucceeds() {
    String id = launch(fixture(newId(), List.of("--exit", "0"), Map.of()));

    WorkloadStatus status = awaitEnded(id);

    assertThat(status.state()).isEqualTo(WorkloadState.SUCCEEDED);
    assertThat(status.exitCode()).isZero();
  }

  @Test
  void nonZeroExitCodeFailsWithThatCode() {
    String id = launch(fixture(newId(), List.of("--exit", "3"), Map.of()));

    WorkloadStatus status = awaitEnded(id);

    assertThat(status.state()).isEqualTo(WorkloadState.FAILED);
    assertThat(status.exitCode()).isEqualTo(3);
  }

  @Test
  void argumentsAndEnvironmentValuesArriveByteForByte() {
    Map<String, String> environment = new LinkedHashMap<>();
    List<String> options = new ArrayList<>();
    for (int i = 0; i < HOSTILE_VALUES.size(); i++) {
      environment.put("KILN_CONTRACT_VALUE_" + i, HOSTILE_VALUES.get(i));
      options.add("--env");
      options.add("KILN_CONTRACT_VALUE_" + i);
    }
    options.add("--");
    options.addAll(HOSTILE_VALUES);
    String id = launch(fixture(newId(), options, environment));

    assertThat(awaitEnded(id).state()).isEqualTo(WorkloadState.SUCCEEDED);
    List<String> lines = logLines(id);

    List<String> expected = new ArrayList<>();
    HOSTILE_VALUES.forEach(value -> expected.add("arg=" + value));
    environment.forEach((name, value) -> expected.add("env:" + name + "=" + value));
    assertThat(lines).containsSubsequence(expected);
    assertThat(lines.stream().filter(line -> line.startsWith("arg=")))
        .hasSize(HOSTILE_VALUES.size());
  }

  @Test
  void startsInItsOwnEmptyWritableWorkDirectory() {
    String id = newId();
    launch(fixture(id, List.of("--cwd", "--", HOSTILE_VALUES.get(5)), Map.of()));

    assertThat(awaitEnded(id).state()).isEqualTo(WorkloadState.SUCCEEDED);

    assertThat(logLines(id))
        .containsSubsequence(
            "cwd=" + launcher.layout(id).workDir(), "cwd-empty=true", "cwd-writable=true");
  }

  @Test
  void placesFilesInTheFilesDirectory() {
    String id = newId();
    String data = String.join(" ", HOSTILE_VALUES);
    Map<String, byte[]> files = new LinkedHashMap<>(fixtureFiles());
    files.put("data.txt", data.getBytes(StandardCharsets.UTF_8));
    List<String> command = new ArrayList<>(fixtureCommand(id));
    command.addAll(List.of("--cat", launcher.layout(id).filesDir() + "/data.txt"));
    launch(spec(id, WorkloadKind.JOB, command, Map.of(), files));

    assertThat(awaitEnded(id).state()).isEqualTo(WorkloadState.SUCCEEDED);

    assertThat(logLines(id)).contains("cat=" + data);
  }

  @Test
  void aFileNameThatIsNotAPlainNameIsRefusedBeforeAnythingIsCreated() {
    String id = newId();
    for (String name : List.of("../escape", "a/b", "a\\b", "a b.py", "..", "")) {
      assertThatThrownBy(
              () ->
                  launch(
                      spec(
                          id,
                          WorkloadKind.JOB,
                          fixtureCommand(id),
                          Map.of(),
                          Map.of(name, new byte[1]))))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(launcher.status(id)).isEmpty();
  }

  @Test
  void logsWithoutFollowReturnWhatWasPrintedSoFar() {
    String id = launch(fixture(newId(), List.of("--run", "30", "--", "first"), Map.of()));

    awaiting().until(() -> logLines(id).contains("ready"));

    assertThat(launcher.status(id)).map(WorkloadStatus::state).contains(WorkloadState.RUNNING);
    assertThat(logLines(id)).containsExactly("arg=first", "ready");
  }

  @Test
  void followingLogsReturnsLinesWhileRunningAndEndsWithTheWorkload() {
    String id = launch(fixture(newId(), List.of("--run", "2", "--", "early"), Map.of()));
    List<String> lines = new ArrayList<>();

    try (LogStream stream = launcher.logs(id, true)) {
      lines.add(stream.nextLine());
      // The first line is there while the workload still runs for two seconds.
      assertThat(launcher.status(id).map(WorkloadStatus::state)).get().isIn(runningStates());
      for (String line = stream.nextLine(); line != null; line = stream.nextLine()) {
        lines.add(line);
      }
      assertThat(launcher.status(id).map(WorkloadStatus::state)).contains(WorkloadState.SUCCEEDED);
    }

    assertThat(lines).containsExactly("arg=early", "ready", "done");
  }

  @Test
  void slowStartIsPendingOrRunningThenEnds() {
    String id = launch(fixture(newId(), List.of("--delay", "1", "--exit", "4"), Map.of()));

    assertThat(launcher.status(id).map(WorkloadStatus::state)).get().isIn(runningStates());
    WorkloadStatus status = awaitEnded(id);

    assertThat(status.state()).isEqualTo(WorkloadState.FAILED);
    assertThat(status.exitCode()).isEqualTo(4);
    assertThat(logLines(id)).containsExactly("ready", "done");
  }

  @Test
  void stopEndsARunningWorkloadAsStoppedAndIsIdempotent() {
    String id = launch(fixture(newId(), List.of("--run", "60"), Map.of()));
    awaiting().until(() -> logLines(id).contains("ready"));

    launcher.stop(id);

    awaiting().until(() -> state(id), state -> state == WorkloadState.STOPPED);
    launcher.stop(id);
    assertThat(launcher.status(id)).map(WorkloadStatus::state).contains(WorkloadState.STOPPED);
    if (keepsTheLogOfAStoppedWorkload()) {
      // The workload got SIGTERM (its handler prints this), not a bare kill or nothing at all.
      awaiting().until(() -> logLines(id).contains("sigterm"));
    }
  }

  @Test
  void stoppingAnEndedWorkloadKeepsItsOutcome() {
    String id = launch(fixture(newId(), List.of("--exit", "0"), Map.of()));
    awaitEnded(id);

    launcher.stop(id);

    assertThat(launcher.status(id)).map(WorkloadStatus::state).contains(WorkloadState.SUCCEEDED);
  }

  @Test
  void launchingTheSameIdTwiceRunsItOnce() {
    String id = newId();
    launch(fixture(id, List.of("--run", "1", "--", "first"), Map.of()));
    launch(fixture(id, List.of("--exit", "5", "--", "second"), Map.of()));

    WorkloadStatus status = awaitEnded(id);

    assertThat(status.state()).isEqualTo(WorkloadState.SUCCEEDED);
    assertThat(logLines(id)).containsExactly("arg=first", "ready", "done");
  }

  @Test
  void aNewLauncherReattachesToARunningWorkload() {
    String id = launch(fixture(newId(), List.of("--run", "60", "--", "attached"), Map.of()));
    awaiting().until(() -> logLines(id).contains("ready"));

    try (Launcher other = newLauncher()) {
      assertThat(other.status(id)).map(WorkloadStatus::state).contains(WorkloadState.RUNNING);
      assertThat(readAll(other.logs(id, false))).containsExactly("arg=attached", "ready");

      other.stop(id);

      assertThat(other.status(id)).map(WorkloadStatus::state).contains(WorkloadState.STOPPED);
    }
    awaiting().until(() -> state(id), state -> state == WorkloadState.STOPPED);
  }

  @Test
  void unknownIdHasNoStatus() {
    assertThat(launcher.status(newId())).isEmpty();
  }

  @Test
  void removeForgetsAnEndedWorkloadAndIsIdempotent() {
    String id = launch(fixture(newId(), List.of("--exit", "0"), Map.of()));
    awaitEnded(id);

    launcher.remove(id);
    launcher.remove(id);

    assertThat(launcher.status(id)).isEmpty();
  }

  @Test
  void removeStopsARunningWorkload() {
    String id = launch(fixture(newId(), List.of("--run", "60"), Map.of()));
    awaiting().until(() -> logLines(id).contains("ready"));

    launcher.remove(id);

    assertThat(launcher.status(id)).isEmpty();
  }

  @Test
  void aServiceRunsUntilStopped() {
    String id = newId();
    launch(spec(id, WorkloadKind.SERVICE, fixtureCommand(id, "--run", "600"), Map.of(), null));
    awaiting().until(() -> logLines(id).contains("ready"));

    // A service that ended by itself would leave RUNNING within this second.
    awaiting()
        .during(Duration.ofSeconds(1))
        .until(() -> state(id), state -> state == WorkloadState.RUNNING);
    launcher.stop(id);

    awaiting().until(() -> state(id), state -> state == WorkloadState.STOPPED);
  }

  // ---- helpers a backend's test may use for its own tests ----

  /** A fresh workload id, so that tests never meet each other's workloads. */
  protected static String newId() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Awaitility with the polling this suite uses. */
  protected ConditionFactory awaiting() {
    return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).atMost(patience());
  }

  /** Launches the spec and removes its workload after the test. */
  protected String launch(WorkloadSpec spec) {
    launched.add(spec.id());
    launcher.launch(spec);
    return spec.id();
  }

  /** A job running the fixture with these options and arguments. */
  protected WorkloadSpec fixture(
      String id, List<String> fixtureArguments, Map<String, String> environment) {
    List<String> command = new ArrayList<>(fixtureCommand(id));
    command.addAll(fixtureArguments);
    return spec(id, WorkloadKind.JOB, command, environment, null);
  }

  /** {@code python <filesDir>/fixture_workload.py} followed by the given arguments. */
  protected List<String> fixtureCommand(String id, String... fixtureArguments) {
    List<String> command = new ArrayList<>();
    command.add(python());
    command.add(launcher.layout(id).filesDir() + "/" + FIXTURE);
    command.addAll(List.of(fixtureArguments));
    return command;
  }

  /** A spec over {@link #pythonImage()}; null files mean the fixture alone. */
  protected WorkloadSpec spec(
      String id,
      WorkloadKind kind,
      List<String> command,
      Map<String, String> environment,
      Map<String, byte[]> files) {
    return new WorkloadSpec(
        id,
        kind,
        pythonImage(),
        command,
        environment,
        files == null ? fixtureFiles() : files,
        Resources.NONE,
        Map.of("kiln.dev/test", "launcher-contract"),
        kind == WorkloadKind.SERVICE ? 18080 : 0);
  }

  /** The fixture, by file name. */
  protected static Map<String, byte[]> fixtureFiles() {
    try (InputStream in = LauncherContract.class.getResourceAsStream("/" + FIXTURE)) {
      return Map.of(FIXTURE, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the workload ended and answers its final status. */
  protected WorkloadStatus awaitEnded(String id) {
    awaiting().until(() -> state(id), state -> state != null && state.ended());
    return launcher.status(id).orElseThrow();
  }

  /** The workload's state, or null when the backend does not know it. */
  protected WorkloadState state(String id) {
    return launcher.status(id).map(WorkloadStatus::state).orElse(null);
  }

  /** Everything the workload printed so far. */
  protected List<String> logLines(String id) {
    return readAll(launcher.logs(id, false));
  }

  /** States of a workload that has not ended yet. */
  protected static List<WorkloadState> runningStates() {
    return List.of(WorkloadState.PENDING, WorkloadState.RUNNING);
  }

  private static List<String> readAll(LogStream stream) {
    try (stream) {
      List<String> lines = new ArrayList<>();
      for (String line = stream.nextLine(); line != null; line = stream.nextLine()) {
        lines.add(line);
      }
      return lines;
    }
  }
}
