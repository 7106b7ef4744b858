package dev.kiln.cli.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-sent paths of downloaded files never lead outside the output folder. */
class DownloadTargetTest {

  @TempDir Path home;

  @Test
  void keepsRelativePathsBelowTheFolder() {
    Path out = home.resolve("out");

    assertThat(DownloadTarget.resolve(out, "a/b/c.csv"))
        .isEqualTo(out.toAbsolutePath().resolve("a/b/c.csv"));
    assertThat(DownloadTarget.resolve(out, "wine.csv"))
        .isEqualTo(out.toAbsolutePath().resolve("wine.csv"));
    assertThat(DownloadTarget.resolve(out, "..data/x..y")).startsWithRaw(out.toAbsolutePath());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../escape.txt",
        "a/../../escape.txt",
        "a/..",
        "..",
        "/etc/passwd",
        "//host/share",
        "a\\..\\..\\escape.txt",
        "C:\\windows",
        "a//b",
        "a/./b",
        "trailing/",
        "",
        "tab\tname"
      })
  void refusesPathsThatAreNotPlainAndRelative(String sent) {
    assertThatThrownBy(() -> DownloadTarget.resolve(home.resolve("out"), sent))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.UNEXPECTED);
              assertThat(e.getMessage())
                  .startsWith("refusing to download '")
                  .contains("it must stay inside")
                  .doesNotContain("\t");
            });
  }

  @Test
  void namesTheProblem() {
    assertThat(DownloadTarget.problem("../x")).isEqualTo("has a '..' segment");
    assertThat(DownloadTarget.problem("/x")).isEqualTo("is absolute");
    assertThat(DownloadTarget.problem("a\\x")).isEqualTo("holds a backslash");
    assertThat(DownloadTarget.problem("a/b.csv")).isNull();
  }

  @Test
  void createsTheFoldersOnTheWay() throws IOException {
    Path out = home.resolve("out");
    Path target = DownloadTarget.resolve(out, "a/b/c.csv");

    DownloadTarget.prepare(out, target);

    assertThat(target.getParent()).isDirectory();
  }

  @Test
  void refusesToGoThroughASymbolicLinkInTheFolder() throws IOException {
    Path out = Files.createDirectories(home.resolve("out"));
    Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve("link"), elsewhere);
    Path target = DownloadTarget.resolve(out, "link/sub/file.txt");

    assertThatThrownBy(() -> DownloadTarget.prepare(out, target))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("goes through a symbolic link");
    assertThat(elsewhere.resolve("sub")).doesNotExist();
  }
}
