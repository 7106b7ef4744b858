package dev.kiln.cli.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.config.Environment;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How {@code kiln datastore create} turns a spec file and its options into the request body, and
 * how it fails before calling the server; the server sits on a closed port, so reaching it shows as
 * exit 3.
 */
class CreateDatastoreCommandTest {

  /** The S3 example of YAML.md. */
  static final String S3_YAML =
      """
      name: lake
      type: s3
      endpoint: https://minio.internal:9000
      bucket: training-data
      region: us-east-1
      credentials:
        access_key_id: AKIA…
        secret_access_key: …
      """;

  static final String S3_JSON =
      """
      {"name": "lake", "type": "s3", "endpoint": "https://minio.internal:9000",
       "bucket": "training-data", "region": "us-east-1",
       "credentials": {"access_key_id": "AKIA…", "secret_access_key": "…"}}
      """;

  static final String LOCAL_YAML =
      """
      name: scratch
      type: local
      description: Shared scratch space
      path: /data/scratch
      """;

  @TempDir Path home;
  Environment environment;

  @BeforeEach
  void setUp() {
    environment = CliHarness.environment(home, Map.of());
  }

  /** Runs {@code kiln -w demo ds create -f file}. */
  Result create(Path file) {
    return CliHarness.run(environment, "-w", "demo", "ds", "create", "-f", file.toString());
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(home.resolve(name), text);
  }

  static DatastoreRequest requestFor(String... args) {
    CreateDatastoreCommand command = new CreateDatastoreCommand();
    new CommandLine(command).parseArgs(args);
    return command.request();
  }

  static String json(DatastoreRequest request) {
    return Mappers.JSON.writeValueAsString(request.body());
  }

  @Test
  void sendsTheS3ExampleOfTheYamlDialectAsJson() throws IOException {
    DatastoreRequest request = requestFor("-f", write("lake.yml", S3_YAML).toString());

    assertThat(request.name()).isEqualTo("lake");
    assertThat(json(request))
        .isEqualTo(
            "{\"name\":\"lake\",\"type\":\"s3\",\"endpoint\":\"https://minio.internal:9000\","
                + "\"bucket\":\"training-data\",\"region\":\"us-east-1\",\"credentials\":"
                + "{\"access_key_id\":\"AKIA…\",\"secret_access_key\":\"…\"}}");
  }

  @Test
  void sendsTheSameBodyForTheSameSpecInJson() throws IOException {
    DatastoreRequest fromYaml = requestFor("-f", write("lake.yml", S3_YAML).toString());
    DatastoreRequest fromJson = requestFor("--file", write("lake.json", S3_JSON).toString());

    assertThat(fromJson.name()).isEqualTo("lake");
    assertThat(fromJson.body()).isEqualTo(fromYaml.body());
  }

  @Test
  void sendsALocalSpec() throws IOException {
    DatastoreRequest request = requestFor("-f", write("scratch.yaml", LOCAL_YAML).toString());

    assertThat(request.name()).isEqualTo("scratch");
    assertThat(request.body())
        .isEqualTo(
            Mappers.JSON.readTree(
                """
                {"name": "scratch", "type": "local", "description": "Shared scratch space",
                 "path": "/data/scratch"}
                """));
  }

  @Test
  void sendsEnvironmentReferencesAsWritten() throws IOException {
    Path file =
        write(
            "env.yml",
            S3_YAML.replace("secret_access_key: …", "secret_access_key: ${AWS_SECRET_ACCESS_KEY}"));

    assertThat(json(requestFor("-f", file.toString())))
        .contains("\"secret_access_key\":\"${AWS_SECRET_ACCESS_KEY}\"");
  }

  @Test
  void appliesTopLevelAndNestedOverridesAsStrings() throws IOException {
    DatastoreRequest request =
        requestFor(
            "-f",
            write("lake.yml", S3_YAML).toString(),
            "--set",
            "bucket=other",
            "--set",
            "credentials.secret_access_key=abc=/+def",
            "--set",
            "prefix=2024");

    assertThat(request.body())
        .isEqualTo(
            Mappers.JSON.readTree(
                """
                {"name": "lake", "type": "s3", "endpoint": "https://minio.internal:9000",
                 "bucket": "other", "region": "us-east-1",
                 "credentials": {"access_key_id": "AKIA…", "secret_access_key": "abc=/+def"},
                 "prefix": "2024"}
                """));
  }

  @Test
  void addsCredentialsToASpecWithout() throws IOException {
    Path file = write("lake.yml", S3_YAML.substring(0, S3_YAML.indexOf("credentials:")));

    DatastoreRequest request =
        requestFor(
            "-f",
            file.toString(),
            "--set",
            "credentials.access_key_id=id",
            "--set",
            "credentials.secret_access_key=secret");

    assertThat(request.body().get("credentials"))
        .isEqualTo(
            Mappers.JSON.readTree(
                "{\"access_key_id\": \"id\", \"secret_access_key\": \"secret\"}"));
  }

  @Test
  void takesTheNameFromTheOptionOverTheSpec() throws IOException {
    DatastoreRequest request =
        requestFor("-f", write("lake.yml", S3_YAML).toString(), "--name", " lake-2 ");

    assertThat(request.name()).isEqualTo("lake-2");
    assertThat(request.body().get("name").asString()).isEqualTo("lake-2");
  }

  @Test
  void takesTheNameFromTheOptionWhenTheSpecHasNone() throws IOException {
    Path file = write("anon.yml", LOCAL_YAML.replace("name: scratch\n", ""));

    DatastoreRequest request = requestFor("-f", file.toString(), "--name", "scratch");

    assertThat(request.body().get("name").asString()).isEqualTo("scratch");
  }

  @Test
  void leavesTheSpecFileAsItWas() throws IOException {
    Path file = write("lake.yml", S3_YAML);

    requestFor("-f", file.toString(), "--set", "bucket=other");

    assertThat(Files.readString(file)).isEqualTo(S3_YAML);
  }

  @Test
  void neverShowsTheRequestBodyInItsText() throws IOException {
    DatastoreRequest request = requestFor("-f", write("lake.yml", S3_YAML).toString());

    assertThat(request.toString()).isEqualTo("DatastoreRequest[name=lake]");
  }

  @Test
  void rejectsASpecWithoutNameWhenNoneIsGiven() throws IOException {
    Path file = write("anon.yml", LOCAL_YAML.replace("name: scratch\n", ""));

    assertThatThrownBy(() -> requestFor("-f", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessage(
            "the datastore has no name: add 'name: <name>' to '"
                + file
                + "' or pass --name <name>");
  }

  @Test
  void failsWithExitTwoWhenTheNameIsMissing() throws IOException {
    Path file = write("anon.yml", "type: local\npath: /data\nname: \"\"\n");

    Result result = create(file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("kiln: the datastore has no name")
        .contains("'kiln datastore create --help'");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void failsWithExitTwoWhenTheNameOptionIsBlank() throws IOException {
    Path file = write("lake.yml", S3_YAML);

    Result result =
        CliHarness.run(
            environment, "-w", "demo", "ds", "create", "-f", file.toString(), "--name", " ");

    CliHarness.assertFailed(result, 2, "--name must not be empty");
  }

  @Test
  void failsWithExitTwoOnAnOverrideWithoutEquals() throws IOException {
    Path file = write("lake.yml", S3_YAML);

    Result result =
        CliHarness.run(
            environment, "-w", "demo", "ds", "create", "-f", file.toString(), "--set", "s3cr3t");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--set expects key=value").doesNotContain("s3cr3t");
  }

  @Test
  void failsWithOneLineNamingAMissingFile() {
    Path file = home.resolve("absent.yml");

    Result result = create(file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("kiln: cannot read datastore spec '" + file + "': no such file\n");
  }

  @Test
  void failsWithOneLineNamingTheFileAndLineOfMalformedYaml() throws IOException {
    Path file = write("bad.yml", "name: lake\ntype: s3\n  bucket: [\n");

    Result result = create(file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("kiln: cannot read datastore spec '" + file + "': line 3: ")
        .hasLineCount(1);
  }

  @Test
  void failsWithOneLineNamingTheFileAndLineOfMalformedJson() throws IOException {
    Path file = write("bad.json", "{\"name\": \"lake\",\n\"type\": \"s3\",,}");

    Result result = create(file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("kiln: cannot read datastore spec '" + file + "': line 2: ")
        .hasLineCount(1);
  }

  @Test
  void requiresTheFile() {
    Result result = CliHarness.run(environment, "-w", "demo", "ds", "create");

    CliHarness.assertFailed(result, 2, "Missing required option: '--file=<file>'");
  }

  @Test
  void requiresAWorkspace() throws IOException {
    Path file = write("lake.yml", S3_YAML);

    Result result = CliHarness.run(environment, "datastore", "create", "-f", file.toString());

    CliHarness.assertFailed(result, 2, "no workspace selected");
  }

  @Test
  void putsTheSpecUnderItsEncodedName() throws IOException {
    Path file = write("lake.yml", S3_YAML);

    Result result =
        CliHarness.run(
            environment,
            "-w",
            "my ws",
            "ds",
            "create",
            "-f",
            file.toString(),
            "--name",
            "lake/1",
            "--verbose");

    CliHarness.assertSent(result, "> PUT /api/v1/workspaces/my%20ws/datastores/lake%2F1 ");
  }

  @Test
  void saysInItsHelpThatCredentialsAreStoredEncryptedAndNeverShownAgain() {
    Result result = CliHarness.run(environment, "datastore", "create", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().replaceAll("\\s+", " "))
        .contains("are stored encrypted and are never shown again")
        .contains("${VAR} is not expanded");
  }
}
