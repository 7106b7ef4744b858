package dev.kiln.cli.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code kiln data download} fetches for each kind of data path, before any request. */
class DownloaderTest {

  @TempDir Path out;

  /** A downloader without a client: these plans need no request. */
  final Downloader downloader = new Downloader(null, "demo", new PrintWriter(new StringWriter()));

  @Test
  void readsDatastorePathsAndUrls() {
    DataLocation blob =
        DataLocation.parse("azureml://datastores/workspaceblobstore/paths/LocalUpload/ab/x.csv");
    DataLocation url = DataLocation.parse("https://example.org/data/x.csv");

    assertThat(blob.onBlobStore()).isTrue();
    assertThat(blob.path()).isEqualTo("LocalUpload/ab/x.csv");
    assertThat(url.isUrl()).isTrue();
    assertThat(url.onBlobStore()).isFalse();
  }

  @Test
  void refusesOtherKindsOfPath() {
    assertThatThrownBy(() -> DataLocation.parse("s3://bucket/x"))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNEXPECTED))
        .hasMessageContaining("cannot download from 's3://bucket/x'");
  }

  @Test
  void fetchesAUrlIntoAFileNamedAfterItsLastSegment() {
    List<DownloadFile> files =
        downloader.plan(DataLocation.parse("https://example.org/data/wine.csv"), true, out);

    assertThat(files)
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.url()).isTrue();
              assertThat(file.target()).isEqualTo(out.resolve("wine.csv"));
            });
  }

  @Test
  void refusesAUrlWhoseNameWouldLeaveTheFolder() {
    assertThatThrownBy(
            () -> downloader.plan(DataLocation.parse("https://example.org/a/%2E%2E"), false, out))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("refusing to download '..'");
  }

  @Test
  void fetchesAFileOfTheBlobStoreIntoItsName() {
    List<DownloadFile> files =
        downloader.plan(
            DataLocation.parse(
                "azureml://datastores/workspaceblobstore/paths/LocalUpload/ab/x.csv"),
            false,
            out);

    assertThat(files)
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.url()).isFalse();
              assertThat(file.remote()).isEqualTo("LocalUpload/ab/x.csv");
              assertThat(file.target()).isEqualTo(out.resolve("x.csv"));
            });
  }

  @Test
  void saysOtherDatastoresAreNotSupportedYet() {
    assertThatThrownBy(
            () ->
                downloader.plan(
                    DataLocation.parse("azureml://datastores/lake/paths/tables"), true, out))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNEXPECTED))
        .hasMessage(
            "downloading from datastore 'lake' is not supported yet; kiln data download reads"
                + " workspaceblobstore and https:// paths");
  }

  @Test
  void showsSizesForPeople() {
    assertThat(Sizes.human(0)).isEqualTo("0 B");
    assertThat(Sizes.human(999)).isEqualTo("999 B");
    assertThat(Sizes.human(12_400_000)).isEqualTo("12.4 MB");
    assertThat(Sizes.human(999_999)).isEqualTo("1.0 MB");
    assertThat(Sizes.files(1)).isEqualTo("1 file");
    assertThat(Sizes.files(3)).isEqualTo("3 files");
  }
}
