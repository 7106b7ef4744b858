package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.cli.RunningPlatform.Run;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each asset kind written as YAML, created with the CLI against the real standalone platform, and
 * read back: a datastore, a data asset from a local folder, and an environment with a conda file.
 */
class AssetsFromYamlTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path specs;
  static String workspace;

  @BeforeAll
  static void createWorkspace() {
    workspace = "yaml-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(RunningPlatform.kiln("workspace", "create", workspace).exitCode()).isZero();
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

  @Test
  void roundTripsAnS3DatastoreWithoutShowingItsSecret() throws IOException {
    Properties secrets = new Properties();
    try (Reader reader =
        Files.newBufferedReader(RunningPlatform.home().resolve("secrets.properties"))) {
      secrets.load(reader);
    }
    String secret = secrets.getProperty("s3.secret-key");
    Path spec = specs.resolve("lake.yml");
    Files.writeString(
        spec,
        "name: lake\n"
            + "type: s3\n"
            + "endpoint: http://127.0.0.1:"
            + RunningPlatform.get().settings().s3Port()
            + "\n"
            + "bucket: kiln\n"
            + "region: us-east-1\n"
            + "credentials:\n"
            + "  access_key_id: "
            + secrets.getProperty("s3.access-key")
            + "\n"
            + "  secret_access_key: "
            + secret
            + "\n");
    Run created = kiln("datastore", "create", "-f", spec.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).doesNotContain(secret);

    JsonNode shown = json(kiln("datastore", "show", "lake", "-o", "json"));
    assertThat(shown.get("bucket").asString()).isEqualTo("kiln");
    assertThat(shown.get("credentialsSet").asBoolean()).isTrue();
    Run test = kiln("datastore", "test", "lake");
    assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
    assertThat(kiln("datastore", "list", "-o", "yaml").out())
        .contains("lake")
        .doesNotContain(secret);
  }

  @Test
  void roundTripsADataAssetFromALocalFolder() throws IOException {
    Path folder = Files.createDirectories(specs.resolve("wine"));
    Files.writeString(folder.resolve("train.csv"), "a,b\n1,2\n");
    Files.createDirectories(folder.resolve("more"));
    Files.writeString(folder.resolve("more/test.csv"), "a,b\n3,4\n");
    Path spec = specs.resolve("wine-data.yml");
    Files.writeString(
        spec,
        "$schema: https://azuremlschemas.azureedge.net/latest/data.schema.json\n"
            + "name: wine\n"
            + "type: uri_folder\n"
            + "path: ./wine\n"
            + "description: wine quality\n");
    JsonNode created = json(kiln("data", "create", "-f", spec.toString(), "-o", "json"));
    assertThat(created.get("version").asString()).isEqualTo("1");
    assertThat(created.get("path").asString())
        .startsWith("azureml://datastores/workspaceblobstore/paths/");
    assertThat(created.get("contentHash").asString()).hasSize(64);

    Path copy = specs.resolve("wine-copy");
    Run downloaded = kiln("data", "download", "wine", "--out", copy.toString());
    assertThat(downloaded.exitCode()).as(downloaded.err()).isZero();
    assertThat(copy.resolve("train.csv")).hasContent("a,b\n1,2\n");
    assertThat(copy.resolve("more/test.csv")).hasContent("a,b\n3,4\n");

    JsonNode latest = json(kiln("data", "show", "wine", "-o", "json"));
    assertThat(latest.get("contentHash").asString())
        .isEqualTo(created.get("contentHash").asString());
  }

  @Test
  void roundTripsAnEnvironmentWithACondaFile() throws IOException {
    Files.writeString(
        specs.resolve("conda.yaml"),
        "name: train\n"
            + "dependencies:\n"
            + "  - python=3.11\n"
            + "  - pip\n"
            + "  - pip:\n"
            + "      - scikit-learn==1.5.2\n"
            + "      - pandas==2.2.3\n");
    Path spec = specs.resolve("env.yml");
    Files.writeString(
        spec,
        "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
            + "name: sklearn-env\n"
            + "image: python:3.11-slim\n"
            + "conda_file: conda.yaml\n");
    JsonNode created = json(kiln("environment", "create", "-f", spec.toString(), "-o", "json"));
    assertThat(created.get("version").asString()).isEqualTo("1");
    String hash = created.get("contentHash").asString();
    assertThat(hash).hasSize(64);

    JsonNode shown = json(kiln("environment", "show", "sklearn-env", "-o", "json"));
    assertThat(shown.get("contentHash").asString()).isEqualTo(hash);
    Run listed = kiln("environment", "list");
    assertThat(listed.out()).contains("sklearn-env").contains("kiln-sklearn");
  }
}
