package dev.kiln.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiClientTest {

  @Test
  void reportsAClosedPortAsUnreachable() {
    String url = CliHarness.closedPortUrl();
    ApiClient api =
        new ApiClient(url, "token", HttpClient.newHttpClient(), Duration.ofSeconds(5), null);

    assertThatThrownBy(() -> api.get("/api/v1/workspaces"))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
              assertThat(e.getMessage()).contains(url).contains("connection refused");
            });
  }

  @TempDir Path dir;

  static ApiClient closedPort(String url) {
    return new ApiClient(url, "token", HttpClient.newHttpClient(), Duration.ofSeconds(5), null);
  }

  @Test
  void reportsAnUploadToAClosedPortAsUnreachable() throws IOException {
    Path file = Files.writeString(dir.resolve("a.csv"), "a");

    assertThatThrownBy(() -> closedPort(CliHarness.closedPortUrl()).upload("/files/a.csv", file))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE));
  }

  @Test
  void refusesToUploadAMissingFileAsAUsageError() {
    Path missing = dir.resolve("absent.csv");

    assertThatThrownBy(() -> closedPort(CliHarness.closedPortUrl()).upload("/files/x", missing))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("cannot upload '" + missing + "': no such file");
  }

  @Test
  void reportsADownloadFromAClosedPortAsUnreachableAndWritesNothing() {
    Path target = dir.resolve("a.csv");

    assertThatThrownBy(() -> closedPort(CliHarness.closedPortUrl()).download("/files/a", target))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE));
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void namesTheOtherServerWhenAFetchCannotReachIt() {
    String url = CliHarness.closedPortUrl();
    URI other = URI.create(url + "/data/wine.csv");

    assertThatThrownBy(() -> closedPort(url).fetch(other, dir.resolve("wine.csv")))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
              assertThat(e.getMessage())
                  .isEqualTo("cannot reach " + url + " (connection refused)")
                  .doesNotContain("kiln up");
            });
  }

  @Test
  void savesADownloadWithItsSizeAndHashReplacingAnOlderFile() throws IOException {
    Path target = Files.writeString(dir.resolve("a.txt"), "old content");
    InputStream body = new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8));

    Downloaded saved = Downloaded.save(body, target);

    assertThat(target).hasContent("abc");
    assertThat(saved.size()).isEqualTo(3);
    assertThat(saved.sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(dir).isDirectoryContaining(path -> path.equals(target));
    assertThat(Files.list(dir)).hasSize(1);
  }

  @Test
  void leavesNoPartialFileWhenTheBodyFails() {
    Path target = dir.resolve("a.txt");
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };

    assertThatThrownBy(() -> Downloaded.save(failing, target)).isInstanceOf(IOException.class);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void encodesPathSegments() {
    assertThat(ApiClient.segment("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
  }
}
