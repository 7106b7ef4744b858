package dev.kiln.cli.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.output.Mappers;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** How datastores, lists of them and test results are printed; never with a secret. */
class DatastoreOutputTest {

  static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

  static final JsonNode LAKE =
      Mappers.JSON.readTree(
          """
          {"id": "d1", "name": "lake", "type": "s3", "description": null, "path": null,
           "endpoint": "https://minio.internal:9000", "bucket": "training-data",
           "region": "us-east-1", "prefix": "raw/2024", "credentialsSet": true,
           "isDefault": false, "createdAt": "2026-11-22T10:00:00Z",
           "updatedAt": "2026-11-22T10:00:00Z"}
          """);

  static final JsonNode SCRATCH =
      Mappers.JSON.readTree(
          """
          {"id": "d2", "name": "scratch", "type": "local", "path": "/data/scratch",
           "endpoint": null, "bucket": null, "prefix": null, "credentialsSet": false,
           "isDefault": false}
          """);

  static final JsonNode PLATFORM =
      Mappers.JSON.readTree(
          """
          {"id": "d0", "name": "workspaceblobstore", "type": "platform", "path": null,
           "endpoint": null, "bucket": null, "credentialsSet": false, "isDefault": true}
          """);

  /** A datastore as a careless server might send it: with its secret, in several spellings. */
  static final JsonNode ECHOED =
      Mappers.JSON.readTree(
          """
          {"name": "lake", "type": "s3", "endpoint": "https://minio.internal:9000",
           "bucket": "training-data", "credentialsSet": true, "isDefault": false,
           "secretAccessKey": "%1$s",
           "credentials": {"access_key_id": "AKIAEXAMPLE", "secret_access_key": "%1$s"},
           "history": [{"SecretAccessKey": "%1$s", "secret-access-key": "%1$s"}]}
          """
              .formatted(SECRET));

  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  Printer printer(OutputFormat format) {
    return Datastores.printer(new Printer(format, new PrintWriter(out)));
  }

  static JsonNode datastore(String json) {
    return Mappers.JSON.readTree(json);
  }

  @Test
  void locatesALocalDatastoreByItsPath() {
    assertThat(Datastores.location(SCRATCH)).isEqualTo("/data/scratch");
  }

  @Test
  void locatesAnS3DatastoreByEndpointBucketAndPrefix() {
    assertThat(Datastores.location(LAKE))
        .isEqualTo("https://minio.internal:9000/training-data/raw/2024");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "https://minio:9000   | b | NULL  | https://minio:9000/b",
        "https://minio:9000/  | b | ''    | https://minio:9000/b",
        "https://minio:9000// | b | /p/q/ | https://minio:9000/b/p/q/",
        "https://minio:9000   | b | '  '  | https://minio:9000/b",
        "NULL                 | b | p     | s3://b/p",
        "https://minio:9000   | NULL | p  | https://minio:9000",
        "NULL                 | NULL | NULL | ''",
      })
  void joinsTheS3PartsWithSingleSlashes(
      String endpoint, String bucket, String prefix, String expected) {
    var node = Mappers.JSON.createObjectNode().put("type", "s3");
    node.put("endpoint", endpoint).put("bucket", bucket).put("prefix", prefix);

    assertThat(Datastores.location(node)).isEqualTo(expected);
  }

  @Test
  void locatesADatastoreWithNeitherPathNorBucketNowhere() {
    assertThat(Datastores.location(PLATFORM)).isEmpty();
  }

  @Test
  void listsNameTypeLocationDefaultAndCredentials() {
    printer(OutputFormat.TABLE).list(List.of(PLATFORM, SCRATCH, LAKE), Datastores.COLUMNS);

    assertThat(out.toString().lines())
        .containsExactly(
            "NAME                 TYPE       LOCATION"
                + "                                             DEFAULT   CREDENTIALS",
            "workspaceblobstore   platform"
                + "                                                        yes       no",
            "scratch              local      /data/scratch"
                + "                                        no        no",
            "lake                 s3         https://minio.internal:9000/training-data/raw/2024"
                + "   no        yes");
  }

  @Test
  void leavesFlagsTheServerDidNotSendEmpty() {
    printer(OutputFormat.TABLE)
        .list(List.of(datastore("{\"name\": \"x\", \"type\": \"local\"}")), Datastores.COLUMNS);

    assertThat(out.toString().lines()).element(1).isEqualTo("x      local");
  }

  @Test
  void showsOneDatastoreAsKeyValueLines() {
    printer(OutputFormat.TABLE).object(SCRATCH);

    assertThat(out.toString())
        .isEqualTo(
            """
            id:             d2
            name:           scratch
            type:           local
            path:           /data/scratch
            endpoint:
            bucket:
            prefix:
            credentialsSet: false
            isDefault:      false
            """);
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void neverPrintsASecretAccessKeyOfOneDatastore(OutputFormat format) {
    printer(format).object(ECHOED);

    assertThat(out.toString())
        .doesNotContain(SECRET)
        .doesNotContainIgnoringCase("secret_access_key")
        .doesNotContainIgnoringCase("secretAccessKey")
        .doesNotContainIgnoringCase("secret-access-key")
        .contains("AKIAEXAMPLE")
        .contains("training-data");
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void neverPrintsASecretAccessKeyInAList(OutputFormat format) {
    printer(format).list(List.of(ECHOED, LAKE), Datastores.COLUMNS);

    assertThat(out.toString()).doesNotContain(SECRET).contains("lake");
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void neverPrintsASecretAccessKeyOfATestResult(OutputFormat format) {
    JsonNode result =
        datastore(
            "{\"ok\": false, \"detail\": \"denied\", \"secret_access_key\": \"%s\"}"
                .formatted(SECRET));

    TestOutcome.report(printer(format), new PrintWriter(err), "lake", result);

    assertThat(out.toString() + err.toString()).doesNotContain(SECRET).contains("denied");
  }

  @Test
  void leavesTheServersAnswerAsItWas() {
    printer(OutputFormat.JSON).object(ECHOED);

    assertThat(ECHOED.path("credentials").has("secret_access_key")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "secret_access_key, true",
    "secretAccessKey, true",
    "SecretAccessKey, true",
    "SECRET-ACCESS-KEY, true",
    "access_key_id, false",
    "token, false",
    "secret, false",
    "credentialsSet, false"
  })
  void hidesOnlySecretAccessKeys(String key, boolean hidden) {
    assertThat(Datastores.isSecret(key)).isEqualTo(hidden);
  }

  @Test
  void reportsASuccessfulTestOnStdoutWithExitZero() {
    int exitCode =
        TestOutcome.report(
            printer(OutputFormat.TABLE),
            new PrintWriter(err),
            "lake",
            datastore("{\"ok\": true, \"detail\": \"Listed bucket 'training-data'.\"}"));

    assertThat(exitCode).isZero();
    assertThat(out.toString()).isEqualTo("ok:     true\ndetail: Listed bucket 'training-data'.\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void reportsAFailedTestWithItsDetailOnStderrAndExitOne() {
    int exitCode =
        TestOutcome.report(
            printer(OutputFormat.JSON),
            new PrintWriter(err),
            "lake",
            datastore("{\"ok\": false, \"detail\": \"Access Denied\\n(403)\"}"));

    assertThat(exitCode).isEqualTo(1);
    assertThat(Mappers.JSON.readTree(out.toString()).path("ok").booleanValue()).isFalse();
    assertThat(err.toString())
        .isEqualTo("kiln: datastore 'lake' failed its connection test: Access Denied (403)\n");
  }

  @Test
  void treatsAnAnswerWithoutOkAsAFailedTest() {
    int exitCode =
        TestOutcome.report(
            printer(OutputFormat.TABLE), new PrintWriter(err), "lake", datastore("{}"));

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString()).contains("the server gave no detail");
  }
}
