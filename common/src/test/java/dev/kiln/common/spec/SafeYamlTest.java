package dev.kiln.common.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class SafeYamlTest {

  private final SafeYaml yaml = new SafeYaml();

  @Test
  void readsCommandJob() {
    JsonNode job = yaml.read(spec("command-job.yml"));

    assertThat(job.get("$schema").asString()).endsWith("/commandJob.schema.json");
    assertThat(job.get("command").asString())
        .isEqualTo(
            "python train.py --alpha ${{inputs.alpha}} --data ${{inputs.table}}"
                + " --out ${{outputs.model}}");
    assertThat(job.at("/inputs/alpha").isDouble()).isTrue();
    assertThat(job.at("/inputs/alpha").doubleValue()).isEqualTo(0.3);
    assertThat(job.at("/inputs/table/path").asString())
        .isEqualTo("azureml://datastores/workspaceblobstore/paths/tables/wine.csv");
    assertThat(job.at("/outputs/model/type").asString()).isEqualTo("uri_folder");
    assertThat(job.at("/environment_variables/OMP_NUM_THREADS").isString()).isTrue();
    assertThat(job.at("/limits/timeout").intValue()).isEqualTo(900);
  }

  @Test
  void readsEnvironmentWithoutItsComment() {
    JsonNode environment = yaml.read(spec("environment.yml"));

    assertThat(environment.get("image").asString()).isEqualTo("python:3.11-slim");
    assertThat(environment.get("conda_file").asString()).isEqualTo("conda.yaml");
  }

  @Test
  void readsCompute() {
    JsonNode compute = yaml.read(spec("compute.yml"));

    assertThat(compute.get("type").asString()).isEqualTo("amlcompute");
    assertThat(compute.get("min_instances").isInt()).isTrue();
    assertThat(compute.get("max_instances").intValue()).isEqualTo(4);
  }

  @Test
  void readsDatastoreAsUtf8() {
    JsonNode datastore = yaml.read(spec("datastore.yml"));

    assertThat(datastore.get("endpoint").asString()).isEqualTo("https://minio.internal:9000");
    assertThat(datastore.at("/credentials/access_key_id").asString()).isEqualTo("AKIA\u2026");
  }

  @Test
  void readsPipelineWithEmptyOutputAsNull() {
    JsonNode pipeline = yaml.read(spec("pipeline.yml"));

    assertThat(pipeline.at("/settings/default_compute").asString()).isEqualTo("azureml:cpu-pool");
    assertThat(pipeline.at("/jobs/prep/outputs").has("clean")).isTrue();
    assertThat(pipeline.at("/jobs/prep/outputs/clean").isNull()).isTrue();
    assertThat(pipeline.at("/jobs/train/inputs/data").asString())
        .isEqualTo("${{parent.jobs.prep.outputs.clean}}");
  }

  @Test
  void readAllReturnsEndpointAndDeployment() {
    List<JsonNode> documents = yaml.readAll(spec("endpoint.yml"));

    assertThat(documents).hasSize(2);
    assertThat(documents.get(0).get("auth_mode").asString()).isEqualTo("key");
    assertThat(documents.get(1).get("endpoint_name").asString()).isEqualTo("wine-scorer");
    assertThat(documents.get(1).at("/request_settings/request_timeout_ms").intValue())
        .isEqualTo(3000);
  }

  @Test
  void readAllOfEmptyStreamIsEmpty() {
    assertThat(yaml.readAll("# nothing here\n")).isEmpty();
  }

  @Test
  void refusesSecondDocumentInRead() {
    assertThatThrownBy(() -> yaml.read(spec("endpoint.yml")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("line 4, column 1")
        .hasMessageContaining("second document");
  }

  @Test
  void refusesEmptyDocument() {
    assertThatThrownBy(() -> yaml.read("# just a comment\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void refusesDuplicateKeyNamingKeyAndLine() {
    String spec = "name: lake\ntype: s3\nbucket: a\nname: other\n";

    assertThatThrownBy(() -> yaml.read(spec))
        .isInstanceOf(SpecException.class)
        .hasMessage(
            "Invalid YAML at line 4, column 1: duplicate key \"name\"; it is already set at line"
                + " 1.");
  }

  @Test
  void refusesDuplicateKeyInNestedMap() {
    String spec = "credentials:\n  access_key_id: a\n  access_key_id: b\n";

    assertThatThrownBy(() -> yaml.read(spec))
        .hasMessageContaining("line 3, column 3")
        .hasMessageContaining("\"access_key_id\"");
  }

  @Test
  void refusesBillionLaughsQuickly() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> yaml.read(billionLaughs()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("more than 50 aliases");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void refusesAliasesThatExpandTooFarWithinAliasLimit() {
    // 24 anchors, each a list of two aliases of the one before: 48 aliases, 2^24 values.
    StringBuilder spec = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 24; i++) {
      spec.append("a").append(i).append(": &a").append(i);
      spec.append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    long start = System.nanoTime();

    assertThatThrownBy(() -> yaml.read(spec.toString()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("aliases expand to more than 10000 values");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void refusesAliasInsideWhatItRefersTo() {
    assertThatThrownBy(() -> yaml.read("loop: &loop [1, *loop]\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("refers to a list or map that holds it");
  }

  @Test
  void readsFewAliasesAndMergeKeys() {
    String spec =
        "defaults: &defaults {environment: azureml:sklearn-env@latest, code: ./src}\n"
            + "prep:\n  <<: *defaults\n  code: ./prep\n"
            + "train: *defaults\n";

    JsonNode tree = yaml.read(spec);

    assertThat(tree.at("/prep/environment").asString()).isEqualTo("azureml:sklearn-env@latest");
    assertThat(tree.at("/prep/code").asString()).isEqualTo("./prep");
    assertThat(tree.at("/train/code").asString()).isEqualTo("./src");
  }

  @Test
  void refusesJavaTagNamingIt() {
    assertThatThrownBy(() -> yaml.read("url: !!java.net.URL https://example.com\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("line 1, column 6")
        .hasMessageContaining("the tag !!java.net.URL is not allowed");
  }

  @Test
  void refusesPythonTagNamingIt() {
    String spec = "command: !!python/object/apply:os.system [\"rm -rf /\"]\n";

    assertThatThrownBy(() -> yaml.read(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("the tag !!python/object/apply:os.system is not allowed");
  }

  @Test
  void refusesLocalAndNonCoreTags() {
    assertThatThrownBy(() -> yaml.read("key: !Ref other\n")).hasMessageContaining("!Ref");
    assertThatThrownBy(() -> yaml.read("data: !!binary aGk=\n")).hasMessageContaining("!!binary");
    assertThatThrownBy(() -> yaml.read("? !!java.io.File /etc\n: 1\n"))
        .hasMessageContaining("!!java.io.File");
    assertThatThrownBy(() -> yaml.read("list: !!seq {a: 1}\n"))
        .hasMessageContaining("the tag !!seq does not fit");
  }

  @Test
  void readsCoreSchemaScalars() {
    String spec =
        "none: ~\nhex: 0x1F\nflag: true\nword: yes\nratio: 1.5\nbig: 123456789012345678901\n"
            + "quoted: !!str 12\ninf: .inf\n";

    JsonNode tree = yaml.read(spec);

    assertThat(tree.get("none").isNull()).isTrue();
    assertThat(tree.get("hex").intValue()).isEqualTo(31);
    assertThat(tree.get("flag").booleanValue()).isTrue();
    assertThat(tree.get("word").asString()).isEqualTo("yes");
    assertThat(tree.get("ratio").doubleValue()).isEqualTo(1.5);
    assertThat(tree.get("big").bigIntegerValue()).hasToString("123456789012345678901");
    assertThat(tree.get("quoted").asString()).isEqualTo("12");
    assertThat(tree.get("inf").doubleValue()).isInfinite();
  }

  @Test
  void refusesScalarThatDoesNotFitItsTag() {
    assertThatThrownBy(() -> yaml.read("count: !!int lots\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("\"lots\" is not a valid !!int value");
  }

  @Test
  void refusesDocumentOverOneMillionCodePoints() {
    String spec = "blob: " + "x".repeat(2 * 1024 * 1024) + "\n";

    assertThatThrownBy(() -> yaml.read(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(String.valueOf(SafeYaml.MAX_CODE_POINTS));
  }

  @Test
  void refusesDeepNestingWithoutOverflowingStack() {
    assertThatThrownBy(() -> yaml.read("[".repeat(100_000)))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("line 1, column 101")
        .hasMessageContaining("nested more than 100 levels deep");
  }

  @Test
  void reportsSyntaxErrorLineAndColumn() {
    assertThatThrownBy(() -> yaml.read("name: lake\nbucket: [a, b\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("Invalid YAML at line 3, column 1: expected ',' or ']'")
        .hasMessageContaining("while parsing a flow sequence at line 2, column 9");
  }

  @Test
  void refusesUndefinedAlias() {
    assertThatThrownBy(() -> yaml.read("compute: *pool\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("line 1, column 10")
        .hasMessageContaining("found undefined alias pool");
  }

  @Test
  void isInvalidRequestWithCodeInvalidYaml() {
    assertThatThrownBy(() -> yaml.read("a: 1\na: 2\n"))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_yaml");
              assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void bindsToRecord() {
    Compute compute = yaml.read(string("compute.yml"), Compute.class);

    assertThat(compute).isEqualTo(new Compute("cpu-pool", "amlcompute", 0, 4));
  }

  @Test
  void refusesDocumentThatDoesNotFitTypeNamingPath() {
    assertThatThrownBy(() -> yaml.read("name: cpu-pool\nmax_instances: lots\n", Compute.class))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("does not fit the expected shape at max_instances");
  }

  @Test
  void passesReadFailuresOnAsIo() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };

    assertThatThrownBy(() -> yaml.read(failing))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("connection reset");
  }

  static String billionLaughs() {
    StringBuilder spec = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char name = 'b'; name <= 'j'; name++) {
      spec.append(name).append(": &").append(name).append(" [");
      for (int i = 0; i < 9; i++) {
        spec.append(i == 0 ? "*" : ", *").append((char) (name - 1));
      }
      spec.append("]\n");
    }
    return spec.toString();
  }

  private static InputStream spec(String name) {
    InputStream in = SafeYamlTest.class.getResourceAsStream("/specs/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private static String string(String name) {
    try (InputStream in = spec(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Compute(
      String name,
      String type,
      @com.fasterxml.jackson.annotation.JsonProperty("min_instances") int minInstances,
      @com.fasterxml.jackson.annotation.JsonProperty("max_instances") int maxInstances) {}
}
