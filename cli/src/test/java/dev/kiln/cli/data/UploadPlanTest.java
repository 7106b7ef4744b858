package dev.kiln.cli.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content-addressed upload plans of a local file and a local folder. */
class UploadPlanTest {

  @TempDir Path dir;

  Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void putsAFileUnderTheFirstSixteenHexOfItsSha256() throws Exception {
    Path file = write("wine.csv", "a,b\n1,2\n");

    UploadPlan plan = UploadPlan.of(file);

    String hash = sha256("a,b\n1,2\n");
    assertThat(plan.folder()).isFalse();
    assertThat(plan.prefix()).isEqualTo("LocalUpload/" + hash.substring(0, 16));
    assertThat(plan.remotePath()).isEqualTo("LocalUpload/" + hash.substring(0, 16) + "/wine.csv");
    assertThat(plan.files())
        .singleElement()
        .satisfies(
            upload -> {
              assertThat(upload.relativePath()).isEqualTo("wine.csv");
              assertThat(upload.sha256()).isEqualTo(hash);
              assertThat(upload.size()).isEqualTo(8);
              assertThat(upload.source()).isEqualTo(file);
            });
    assertThat(plan.defaultType()).isEqualTo("uri_file");
  }

  @Test
  void putsEveryFileOfAFolderUnderAHashOfItsSortedPathsAndFileHashes() throws Exception {
    write("train.csv", "train");
    write("nested/deeper/test.csv", "test");
    write("nested/a.txt", "a");

    UploadPlan plan = UploadPlan.of(dir);

    String lines =
        "nested/a.txt\t"
            + sha256("a")
            + "\n"
            + "nested/deeper/test.csv\t"
            + sha256("test")
            + "\n"
            + "train.csv\t"
            + sha256("train")
            + "\n";
    String prefix = "LocalUpload/" + sha256(lines).substring(0, 16);
    assertThat(plan.folder()).isTrue();
    assertThat(plan.prefix()).isEqualTo(prefix);
    assertThat(plan.remotePath()).isEqualTo(prefix);
    assertThat(plan.files())
        .extracting(UploadFile::relativePath)
        .containsExactly("nested/a.txt", "nested/deeper/test.csv", "train.csv");
    assertThat(plan.files().get(1).remotePath(plan.prefix()))
        .isEqualTo(prefix + "/nested/deeper/test.csv");
    assertThat(plan.totalBytes()).isEqualTo(1 + 4 + 5);
    assertThat(plan.defaultType()).isEqualTo("uri_folder");
  }

  @Test
  void givesTheSameFolderTheSamePrefixEveryTime() throws IOException {
    write("a.csv", "1");
    write("sub/b.csv", "2");

    assertThat(UploadPlan.of(dir).prefix()).isEqualTo(UploadPlan.of(dir).prefix());
  }

  @Test
  void givesAFolderAnotherPrefixWhenAFileChanges() throws IOException {
    write("a.csv", "1");
    Path b = write("sub/b.csv", "2");
    String before = UploadPlan.of(dir).prefix();

    Files.writeString(b, "3");

    assertThat(UploadPlan.of(dir).prefix()).isNotEqualTo(before);
  }

  @Test
  void givesAFolderAnotherPrefixWhenAFileIsRenamed() throws IOException {
    Path a = write("a.csv", "1");
    String before = UploadPlan.of(dir).prefix();

    Files.move(a, dir.resolve("c.csv"));

    assertThat(UploadPlan.of(dir).prefix()).isNotEqualTo(before);
  }

  @Test
  void givesAFileAnotherPrefixWhenItChanges() throws IOException {
    Path file = write("wine.csv", "1");
    String before = UploadPlan.of(file).prefix();

    Files.writeString(file, "2");

    assertThat(UploadPlan.of(file).prefix()).isNotEqualTo(before);
    assertThat(UploadPlan.of(file).remotePath()).endsWith("/wine.csv");
  }

  @Test
  void skipsSymbolicLinksToFilesAndFolders() throws IOException {
    Path data = dir.resolve("data");
    Path outside = write("outside/secret.txt", "secret");
    write("data/real.csv", "real");
    String withoutLinks = UploadPlan.of(data).prefix();
    Files.createSymbolicLink(data.resolve("link.txt"), outside);
    Files.createSymbolicLink(data.resolve("linked-folder"), outside.getParent());

    UploadPlan plan = UploadPlan.of(data);

    assertThat(plan.files()).extracting(UploadFile::relativePath).containsExactly("real.csv");
    assertThat(plan.skippedLinks()).isEqualTo(2);
    assertThat(plan.prefix()).isEqualTo(withoutLinks);
  }

  @Test
  void followsASymbolicLinkGivenAsThePathItself() throws IOException {
    write("data/real.csv", "real");
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("data"));

    UploadPlan plan = UploadPlan.of(link);

    assertThat(plan.files()).extracting(UploadFile::relativePath).containsExactly("real.csv");
    assertThat(plan.prefix()).isEqualTo(UploadPlan.of(dir.resolve("data")).prefix());
  }

  @Test
  void refusesAFileNameWithABackslash() throws IOException {
    write("data/ok.csv", "1");
    Path bad = dir.resolve("data").resolve("a\\b.csv");
    assumeThat(tryCreate(bad)).as("the file system takes a backslash in a name").isTrue();

    assertThatThrownBy(() -> UploadPlan.of(dir.resolve("data")))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("'a\\b.csv'")
        .hasMessageContaining("backslash or a control character");
  }

  @Test
  void refusesAFolderNameWithAControlCharacterAndShowsItAsAQuestionMark() throws IOException {
    Path bad = dir.resolve("data").resolve("sub\tfolder").resolve("x.csv");
    assumeThat(tryCreate(bad)).as("the file system takes a tab in a name").isTrue();

    assertThatThrownBy(() -> UploadPlan.of(dir.resolve("data")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("'sub?folder'")
        .hasMessageNotContaining("\t");
  }

  @Test
  void refusesAFileWhoseOwnNameHasAControlCharacter() throws IOException {
    Path bad = dir.resolve("line\nbreak.csv");
    assumeThat(tryCreate(bad)).isTrue();

    assertThatThrownBy(() -> UploadPlan.of(bad))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("'line?break.csv'");
  }

  @Test
  void refusesAFolderWithoutFiles() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty/sub"));

    assertThatThrownBy(() -> UploadPlan.of(empty.getParent()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("the folder has no files");
  }

  @Test
  void refusesAMissingPath() {
    Path missing = dir.resolve("absent");

    assertThatThrownBy(() -> UploadPlan.of(missing))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("cannot upload '" + missing + "': no such file or folder");
  }

  @Test
  void takesADeclaredTypeThatFitsAndRefusesOneThatDoesNot() throws IOException {
    UploadPlan file = UploadPlan.of(write("wine.csv", "1"));
    UploadPlan folder = UploadPlan.of(dir);

    assertThat(file.typeFor(null)).isEqualTo("uri_file");
    assertThat(folder.typeFor(null)).isEqualTo("uri_folder");
    assertThat(folder.typeFor("mltable")).isEqualTo("mltable");
    assertThat(file.typeFor("uri_file")).isEqualTo("uri_file");
    assertThatThrownBy(() -> folder.typeFor("uri_file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type uri_file needs a file");
    assertThatThrownBy(() -> file.typeFor("uri_folder"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type uri_folder needs a folder");
  }

  private static boolean tryCreate(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "x");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
