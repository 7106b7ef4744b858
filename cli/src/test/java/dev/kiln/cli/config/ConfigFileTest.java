package dev.kiln.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path temp;

  @Test
  void readsNothingWhenTheFileDoesNotExist() {
    assertThat(new ConfigFile(temp.resolve("missing")).read()).isEmpty();
  }

  @Test
  void createsTheFolderAndWritesTheValue() {
    ConfigFile file = new ConfigFile(temp.resolve("a/b/kiln"));

    file.set("url", "http://gateway:8080");

    assertThat(file.path()).exists();
    assertThat(file.read()).containsExactly(Map.entry("url", "http://gateway:8080"));
  }

  @Test
  void writesTheFileOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path home = temp.resolve("kiln");
    ConfigFile file = new ConfigFile(home);

    file.set("token", "secret");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");
  }

  @Test
  void tightensTheModeOfAnExistingFile() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    ConfigFile file = new ConfigFile(temp);
    Files.writeString(file.path(), "url: http://old:1\n");
    Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));

    file.set("token", "secret");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
  }

  @Test
  void keepsTheOtherEntriesWhenSettingOne() throws IOException {
    ConfigFile file = new ConfigFile(temp);
    Files.writeString(file.path(), "url: http://gateway:1\nworkspace: old\ncustom: kept\n");

    file.set("workspace", "new");

    assertThat(file.read())
        .containsEntry("url", "http://gateway:1")
        .containsEntry("workspace", "new")
        .containsEntry("custom", "kept");
    assertThat(temp).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void rejectsAFileThatIsNotAMap() throws IOException {
    ConfigFile file = new ConfigFile(temp);
    Files.writeString(file.path(), "- just\n- a list\n");

    assertThatThrownBy(file::read)
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
              assertThat(e.getMessage()).startsWith("invalid config file " + file.path());
            });
  }

  @Test
  void rejectsAFileThatIsNotYaml() throws IOException {
    ConfigFile file = new ConfigFile(temp);
    Files.writeString(file.path(), "url: [unclosed\n");

    assertThatThrownBy(file::read).isInstanceOf(CliException.class);
  }
}
