package dev.kiln.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileTest {

  @TempDir Path folder;

  Path write(String name, String text) throws IOException {
    return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
  }

  static ThrowingConsumer<CliException> usageError(String message) {
    return e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(e.getMessage()).isEqualTo(message).doesNotContain("\n");
    };
  }

  /** Asserts that reading {@code file} as {@code what} is a usage error saying {@code message}. */
  static void assertUsageError(Path file, String what, String message) {
    assertThatThrownBy(() -> SpecFile.read(file, what))
        .isInstanceOfSatisfying(CliException.class, usageError(message));
  }

  @Test
  void readsAYamlMappingKeepingValuesAsWritten() throws IOException {
    Path file =
        write(
            "s.yml",
            """
            name: lake
            endpoint: ${MINIO_URL}
            replicas: 2
            nested:
              key: value
            """);

    assertThat(SpecFile.read(file, "spec"))
        .isEqualTo(
            Mappers.JSON.readTree(
                """
                {"name": "lake", "endpoint": "${MINIO_URL}", "replicas": 2,
                 "nested": {"key": "value"}}
                """));
  }

  @Test
  void readsJsonFromAFileEndingInJson() throws IOException {
    Path file = write("s.JSON", "{\"name\": \"lake\", \"type\": \"local\"}");

    assertThat(SpecFile.read(file, "spec"))
        .isEqualTo(Mappers.JSON.readTree("{\"name\": \"lake\", \"type\": \"local\"}"));
  }

  @Test
  void readsJsonWrittenInAYamlFile() throws IOException {
    Path file = write("s.yaml", "{\"name\": \"lake\"}");

    assertThat(SpecFile.read(file, "spec").get("name").asString()).isEqualTo("lake");
  }

  @Test
  void acceptsAnEmptyDocumentAfterTheFirst() throws IOException {
    Path file = write("s.yml", "---\nname: lake\n---\n");

    assertThat(SpecFile.read(file, "spec").get("name").asString()).isEqualTo("lake");
  }

  @Test
  void rejectsAMissingFileNamingIt() {
    Path file = folder.resolve("absent.yml");

    assertUsageError(
        file, "datastore spec", "cannot read datastore spec '" + file + "': no such file");
  }

  @Test
  void rejectsAFolder() {
    assertUsageError(folder, "spec", "cannot read spec '" + folder + "': it is a folder");
  }

  @Test
  void rejectsMalformedYamlNamingFileAndLineOnOneLine() throws IOException {
    Path file = write("bad.yml", "name: lake\ncredentials:\n  a: 1\n b: 2\n");

    assertUsageError(
        file,
        "datastore spec",
        "cannot read datastore spec '"
            + file
            + "': line 4: while parsing a block mapping; expected <block end>, but found"
            + " '<block mapping start>'");
  }

  @Test
  void rejectsMalformedJsonNamingFileAndLine() throws IOException {
    Path file = write("bad.json", "{\"name\": \"lake\",\n \"type\": }");

    assertThatThrownBy(() -> SpecFile.read(file, "spec"))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
              assertThat(e.getMessage())
                  .startsWith("cannot read spec '" + file + "': line 2: Unexpected character")
                  .doesNotContain("\n");
            });
  }

  @Test
  void rejectsAKeyGivenTwice() throws IOException {
    Path file = write("twice.yml", "name: lake\nbucket: a\nbucket: b\n");

    assertUsageError(
        file,
        "spec",
        "cannot read spec '" + file + "': line 3: Duplicate Object property \"bucket\"");
  }

  @Test
  void rejectsASecondDocument() throws IOException {
    Path file = write("two.yml", "name: a\n---\nname: b\n");

    assertUsageError(
        file,
        "spec",
        "cannot read spec '"
            + file
            + "': line 3: expected one document, found another; put each in its own"
            + " file");
  }

  @Test
  void rejectsAnEmptyFile() throws IOException {
    Path file = write("empty.yml", "# nothing yet\n");

    assertUsageError(file, "spec", "cannot read spec '" + file + "': the file is empty");
  }

  @Test
  void rejectsATopLevelList() throws IOException {
    Path file = write("list.yml", "- name: a\n- name: b\n");

    assertUsageError(
        file,
        "spec",
        "cannot read spec '"
            + file
            + "': expected a mapping of keys to values at the top, found a list");
  }

  @Test
  void rejectsTextThatIsNotUtf8() throws IOException {
    Path file = Files.write(folder.resolve("latin1.yml"), new byte[] {'a', ':', ' ', (byte) 0xE9});

    assertUsageError(file, "spec", "cannot read spec '" + file + "': not UTF-8 text");
  }
}
