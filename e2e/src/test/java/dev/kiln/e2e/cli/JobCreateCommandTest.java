package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.e2e.cli.RunningPlatform.Run;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kiln job create} against the real standalone platform: the command job of YAML.md, with
 * its code folder uploaded as a snapshot, a local input uploaded to the workspaceblobstore, a
 * registered environment and {@code --set}, is accepted as a Queued run with its references
 * resolved; a missing code folder creates nothing; {@code --stream} follows the job it created.
 * Running jobs to completion is tested elsewhere.
 */
class JobCreateCommandTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String WINE = "fixed_acidity,quality\n7.4,5\n7.8,5\n";
  static final String LABELS = "quality,label\n5,average\n";

  @TempDir static Path project;
  static String workspace;

  @BeforeAll
  static void prepareWorkspace() throws IOException, GitAPIException {
    workspace = "jobc-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(RunningPlatform.kiln("workspace", "create", workspace).exitCode()).isZero();
    api(
        "PUT",
        "/computes/cpu-pool",
        "{\"name\": \"cpu-pool\", \"type\": \"amlcompute\", \"min_instances\": 0,"
            + " \"max_instances\": 4}",
        "application/json");
    api("PUT", "/datastores/workspaceblobstore/files/tables/wine.csv", WINE, "text/csv");

    write("env/conda.yaml", "dependencies:\n  - python=3.11\n  - pip:\n    - scikit-learn\n");
    write("env/env.yml", "name: sklearn-env\nimage: python:3.11-slim\nconda_file: conda.yaml\n");
    Run environment =
        kiln("environment", "create", "-f", project.resolve("env/env.yml").toString());
    assertThat(environment.exitCode()).as(environment.err()).isZero();

    write("src/train.py", "print('training')\n");
    write("src/.amlignore", "*.log\n");
    write("src/debug.log", "left out of the snapshot\n");
    write("local/labels.csv", LABELS);
    // The code folder lies in a repository, so that the job records its git facts.
    try (Git git = Git.init().setDirectory(project.toFile()).call()) {
      git.add().addFilepattern("src").call();
      git.commit().setMessage("train").setAuthor("e2e", "e2e@kiln.dev").setSign(false).call();
    }
  }

  @Test
  void submitsTheYamlMdCommandJobWithItsCodeAsASnapshotAndItsLocalInputUploaded()
      throws IOException {
    Path spec =
        write(
            "job.yml",
            """
            $schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
            command: >-
              python train.py --alpha ${{inputs.alpha}} --data ${{inputs.table}}
              --labels ${{inputs.labels}} --out ${{outputs.model}}
            code: ./src
            inputs:
              alpha: 0.3
              table:
                type: uri_file
                path: azureml://datastores/workspaceblobstore/paths/tables/wine.csv
              labels:
                type: uri_file
                path: ./local/labels.csv
            outputs:
              model:
                type: uri_folder
            environment: azureml:sklearn-env@latest
            compute: azureml:cpu-pool
            experiment_name: wine-quality
            properties:
              azureml.git.branch: release
            environment_variables:
              OMP_NUM_THREADS: "1"
            limits:
              timeout: 900
            """);

    Run created =
        kiln("-o", "json", "job", "create", "-f", spec.toString(), "--set", "inputs.alpha=0.5");

    JsonNode run = json(created);
    assertThat(run.get("status").asString()).isEqualTo("Queued");
    assertThat(run.get("experimentName").asString()).isEqualTo("wine-quality");
    JsonNode job = run.get("job");
    String snapshot =
        json(kiln("-o", "json", "snapshot", "create", project.resolve("src").toString()))
            .get("id")
            .asString();
    assertThat(job.get("snapshotId").asString()).isEqualTo(snapshot);
    assertThat(run.get("snapshotId").asString()).isEqualTo(snapshot);
    assertThat(job.get("environment").get("reference").asString())
        .isEqualTo("azureml:sklearn-env:1");
    assertThat(job.get("compute").asString()).isEqualTo("cpu-pool");
    assertThat(job.get("timeoutSeconds").asLong()).isEqualTo(900);
    JsonNode inputs = job.get("inputs");
    assertThat(inputs.get("alpha").get("value").asString()).isEqualTo("0.5");
    assertThat(inputs.get("table").get("datastore").asString()).isEqualTo("workspaceblobstore");
    assertThat(inputs.get("table").get("path").asString()).isEqualTo("tables/wine.csv");
    String upload = "LocalUpload/" + sha256(LABELS).substring(0, 16) + "/";
    assertThat(inputs.get("labels").get("datastore").asString()).isEqualTo("workspaceblobstore");
    assertThat(inputs.get("labels").get("path").asString()).isEqualTo(upload + "labels.csv");
    assertThat(
            api("GET", "/datastores/workspaceblobstore/files?prefix=" + encode(upload), "", "")
                .get("items"))
        .singleElement()
        .satisfies(file -> assertThat(file.get("sha256").asString()).isEqualTo(sha256(LABELS)));
    // The git facts are recorded; the spec's own property wins over the repository's branch.
    assertThat(run.get("properties").get("azureml.git.branch").asString()).isEqualTo("release");
    assertThat(run.get("properties").get("azureml.git.commit").asString()).hasSize(40);
    assertThat(run.get("properties").get("azureml.git.dirty").asString()).isEqualTo("true");

    Run again = kiln("job", "create", "-f", spec.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("(Queued)", "kiln -w " + workspace + " job stream ");
    assertThat(again.err()).contains("0 sent", "already uploaded");

    // Neither job has to run here: stop them, so they take no time from the other tests.
    String second = again.out().replaceAll("(?s)^Created job '([^']+)'.*", "$1");
    for (String name : List.of(run.get("name").asString(), second)) {
      Run canceled = kiln("job", "cancel", name);
      assertThat(canceled.exitCode()).as(canceled.err()).isZero();
    }
  }

  @Test
  void refusesAMissingCodeFolderWithExitTwoAndCreatesNoRun() throws IOException {
    Path spec =
        write(
            "missing-code.yml",
            "command: python train.py\ncode: ./no-such-folder\n"
                + "environment: azureml:sklearn-env@latest\n");
    int before = jobCount();

    Run created = kiln("job", "create", "-f", spec.toString());

    assertThat(created.exitCode()).isEqualTo(2);
    assertThat(created.err().strip().lines())
        .singleElement()
        .asString()
        .contains("'code'", "./no-such-folder", "does not exist");
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  void followsTheJobItCreatedWithAnInlineEnvironmentUntilItIsCanceled() throws IOException {
    Path spec =
        write(
            "inline.yml",
            """
            command: sleep 600
            environment:
              image: python:3.11-slim
              conda_file: env/plain-conda.yaml
            """);
    // No packages to install: the job is running, not failing for want of an index, when canceled.
    write("env/plain-conda.yaml", "dependencies:\n  - python=3.11\n");
    String name = "inline_" + UUID.randomUUID().toString().substring(0, 8);

    CompletableFuture<Run> streamed =
        CompletableFuture.supplyAsync(
            () -> kiln("job", "create", "-f", spec.toString(), "--name", name, "--stream"));
    JsonNode run =
        await().atMost(Duration.ofSeconds(60)).until(() -> job(name), found -> found != null);
    assertThat(run.get("job").get("environment").get("reference").asString())
        .startsWith("azureml:CliV2AnonymousEnvironment:");
    assertThat(run.get("job").get("compute").asString()).isEqualTo("local");
    Run canceled = kiln("job", "cancel", name);
    assertThat(canceled.exitCode()).as(canceled.err()).isZero();

    await().atMost(Duration.ofSeconds(60)).until(streamed::isDone);
    Run stream = streamed.join();
    assertThat(stream.exitCode()).as(stream.err()).isEqualTo(1);
    assertThat(stream.err())
        .contains("Created job '" + name + "'")
        .contains("kiln: job '" + name + "' was canceled");
  }

  /** {@code kiln -w <workspace> args...} as the administrator. */
  static Run kiln(String... args) {
    List<String> all = new ArrayList<>(List.of("-w", workspace));
    all.addAll(List.of(args));
    return RunningPlatform.kiln(all.toArray(String[]::new));
  }

  static JsonNode json(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  static int jobCount() {
    return json(kiln("-o", "json", "job", "list", "--all")).size();
  }

  /** Job {@code name}, or {@code null} while there is none. */
  static JsonNode job(String name) {
    Run shown = kiln("-o", "json", "job", "show", name);
    return shown.exitCode() == 0 ? JSON.readTree(shown.out()) : null;
  }

  static Path write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** A request to {@code /api/v1/workspaces/<workspace><path>} as the administrator. */
  static JsonNode api(String method, String path, String body, String type) {
    TestHttp.Response response =
        RunningPlatform.admin()
            .send(
                method,
                "/api/v1/workspaces/" + workspace + path,
                type.isEmpty() ? null : type,
                body.isEmpty() ? null : body);
    assertThat(response.status() / 100)
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(2);
    return response.body().isBlank() ? JSON.createObjectNode() : response.json();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
