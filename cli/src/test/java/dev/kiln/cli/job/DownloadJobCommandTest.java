package dev.kiln.cli.job;

import static dev.kiln.cli.job.ApiStub.bytes;
import static dev.kiln.cli.job.ApiStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.output.Mappers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code kiln job download} against a stubbed run-service: the layout it writes, and the paths it
 * refuses before writing anything.
 */
class DownloadJobCommandTest extends AgainstStub {

  static final String ARTIFACTS = JOBS + "/j1/artifacts";

  Path out() {
    return home.resolve("out");
  }

  Result download(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "job";
    args[1] = "download";
    args[2] = "j1";
    args[3] = "--download-path=" + out();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return run(args);
  }

  static String files(String... entries) {
    return "{\"files\": [" + String.join(",", entries) + "]}";
  }

  static String file(String path, long size) {
    return "{\"path\": \"%s\", \"isDir\": false, \"size\": %d}".formatted(path, size);
  }

  static String folder(String path) {
    return "{\"path\": \"%s\", \"isDir\": true, \"size\": 0}".formatted(path);
  }

  @Test
  void writesEveryArtifactKeepingItsPath() {
    stub.on(
            "GET",
            ARTIFACTS,
            json(files(file("metrics.json", 2), file("outputs/model/weights.bin", 7))))
        .on("GET", ARTIFACTS + "/metrics.json", bytes("{}"))
        .on("GET", ARTIFACTS + "/outputs/model/weights.bin", bytes("weights"));

    Result result = download("-o", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(out().resolve("metrics.json")).hasContent("{}");
    assertThat(out().resolve("outputs/model/weights.bin")).hasContent("weights");
    JsonNode summary = Mappers.JSON.readTree(result.out());
    assertThat(summary.get("files").asInt()).isEqualTo(2);
    assertThat(summary.get("bytes").asLong()).isEqualTo(9);
    assertThat(summary.get("directory").asString()).isEqualTo(out().toString());
    assertThat(result.err())
        .contains("downloading 2 files, 9 B to " + out())
        .contains("[2/2] outputs/model/weights.bin (7 B)");
    assertThat(stub.requests("GET", ARTIFACTS))
        .singleElement()
        .satisfies(request -> assertThat(request.query()).containsOnlyKeys("recursive"));
  }

  @Test
  void writesOnlyTheArtifactsBelowThePrefix() {
    stub.on("GET", ARTIFACTS, json(files(file("outputs/a b.txt", 1))))
        .on("GET", ARTIFACTS + "/outputs/a%20b.txt", bytes("a"));

    Result result = download("--path", "outputs/");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(out().resolve("outputs/a b.txt")).hasContent("a");
    assertThat(stub.requests("GET", ARTIFACTS))
        .singleElement()
        .satisfies(request -> assertThat(request.query()).containsEntry("path", "outputs"));
  }

  @Test
  void listsTheFoldersThatAServerListsWithoutTheirFiles() {
    stub.on(
            "GET",
            ARTIFACTS,
            json(files(file("a.txt", 1), folder("logs"))),
            json(files(file("logs/x.txt", 1), folder("logs/deeper"))),
            json(files(file("logs/deeper/y.txt", 1))))
        .on("GET", ARTIFACTS + "/a.txt", bytes("a"))
        .on("GET", ARTIFACTS + "/logs/x.txt", bytes("x"))
        .on("GET", ARTIFACTS + "/logs/deeper/y.txt", bytes("y"));

    Result result = download();

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(out().resolve("logs/deeper/y.txt")).hasContent("y");
    assertThat(stub.requests("GET", ARTIFACTS))
        .extracting(request -> request.query().get("path"))
        .containsExactly(null, "logs", "logs/deeper");
  }

  @Test
  void downloadsOneFileThatThePrefixNames() {
    stub.on(
            "GET",
            ARTIFACTS,
            json(files()),
            json(files(file("outputs/model.pkl", 5), folder("outputs/logs"))))
        .on("GET", ARTIFACTS + "/outputs/model.pkl", bytes("model"));

    Result result = download("--path", "outputs/model.pkl");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(out().resolve("outputs/model.pkl")).hasContent("model");
    assertThat(stub.requests("GET", ARTIFACTS))
        .extracting(request -> request.query().get("path"))
        .containsExactly("outputs/model.pkl", "outputs");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../escape.txt", "a/../../escape.txt", "/etc/passwd", "a//b", "a\\\\..\\\\b"})
  void refusesAPathThatWouldLeaveTheFolderAndWritesNothing(String sent) {
    stub.on("GET", ARTIFACTS, json(files(file("good.txt", 1), file(sent, 1))))
        .on("GET", ARTIFACTS + "/good.txt", bytes("good"));

    Result result = download();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("kiln: refusing to download '");
    assertThat(out()).doesNotExist();
    assertThat(home.resolve("escape.txt")).doesNotExist();
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void refusesAPathListedOutsideThePrefixAndWritesNothing() {
    stub.on("GET", ARTIFACTS, json(files(file("outputs/a.txt", 1), file("secrets/b.txt", 1))));

    Result result = download("--path", "outputs");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "kiln: refusing to download 'secrets/b.txt': the server listed it for 'outputs',"
                + " which it is not below\n");
    assertThat(out()).doesNotExist();
  }

  @Test
  void saysSoWhenTheJobHasNoArtifacts() {
    stub.on("GET", ARTIFACTS, json(files()));

    Result result = download();

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo("Job 'j1' has no artifacts; nothing was downloaded.\n");
    assertThat(result.out()).contains("files:     0");
    assertThat(out()).doesNotExist();
  }

  @Test
  void reportsAPrefixWithNothingBelowItAsNotFound() {
    stub.on("GET", ARTIFACTS, json(files()));

    Result result = download("--path", "missing");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err()).isEqualTo("kiln: job 'j1' has no artifacts at or below 'missing'\n");
    assertThat(out()).doesNotExist();
  }

  @Test
  void choosesAFolderNamedAfterTheJobByDefault() {
    stub.on("GET", JOBS + "/j7/artifacts", json(files()));

    Result result = run("job", "download", "j7", "-o", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Mappers.JSON.readTree(result.out()).get("directory").asString()).isEqualTo("j7");
  }
}
