package dev.kiln.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.launcher.EnvironmentBuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class VirtualenvsTest {

  @TempDir Path root;

  @Test
  void buildsABareVirtualenvOnceAndReusesIt() throws Exception {
    Virtualenvs virtualenvs = new Virtualenvs(root, "python3");
    List<String> firstLog = new ArrayList<>();
    List<String> secondLog = new ArrayList<>();

    Path first = virtualenvs.ensure("bare1", List.of(), firstLog::add);
    Path second = new Virtualenvs(root, "python3").ensure("bare1", List.of(), secondLog::add);

    assertThat(first).isEqualTo(root.toRealPath().resolve("bare1"));
    assertThat(second).isEqualTo(first);
    assertThat(firstLog).anySatisfy(line -> assertThat(line).startsWith("Creating virtualenv"));
    assertThat(secondLog).isEmpty();
    assertThat(runPython(first, "import sys; print(sys.prefix)")).isEqualTo(first.toString());
  }

  @Test
  void concurrentCallsForTheSameHashBuildOnce() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    Callable<Path> ensure =
        () -> {
          start.await();
          return new Virtualenvs(root, "python3").ensure("shared", List.of(), log::add);
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Path> one = pool.submit(ensure);
      Future<Path> two = pool.submit(ensure);
      start.countDown();

      assertThat(one.get()).isEqualTo(two.get());
    } finally {
      pool.shutdownNow();
    }
    assertThat(log.stream().filter(line -> line.startsWith("Creating virtualenv"))).hasSize(1);
  }

  @Test
  void aMissingRequirementFailsWithPipsMessageAndLeavesNothingBehind() throws IOException {
    Virtualenvs virtualenvs = new Virtualenvs(root, "python3");

    assertThatThrownBy(
            () ->
                virtualenvs.ensure("broken", List.of("kiln-no-such-package-xyz==1.0"), line -> {}))
        .isInstanceOfSatisfying(
            EnvironmentBuildException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("pip install failed")
                  .contains("kiln-no-such-package-xyz");
              assertThat(e.output())
                  .anySatisfy(line -> assertThat(line).contains("kiln-no-such-package-xyz"));
            });

    assertThat(entries(root)).containsExactly("broken.lock");
  }

  @Test
  void installsRequirementsIntoAVirtualenvThatWorksFromItsFinalFolder() throws Exception {
    Path venv =
        new Virtualenvs(root, "python3").ensure("withsix", List.of("six==1.16.0"), line -> {});

    assertThat(runPython(venv, "import six, sys; print(six.__version__, sys.prefix)"))
        .isEqualTo("1.16.0 " + venv);
    // Console scripts carry the folder in their shebang: they must not point at the build folder.
    assertThat(run(venv.resolve("bin/pip").toString(), "--version")).contains(venv.toString());
    assertThat(entries(root)).containsExactlyInAnyOrder("withsix", "withsix.lock");
  }

  @Test
  void refusesAHashThatIsNotAPlainName() throws IOException {
    Virtualenvs virtualenvs = new Virtualenvs(root, "python3");

    assertThatThrownBy(() -> virtualenvs.ensure("../escape", List.of(), line -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(entries(root)).isEmpty();
    assertThat(root.resolveSibling("escape")).doesNotExist();
  }

  private static String runPython(Path venv, String code) throws Exception {
    return run(venv.resolve("bin/python").toString(), "-c", code);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.trim();
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(path -> path.getFileName().toString()).toList();
    }
  }
}
