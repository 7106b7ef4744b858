package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.testsupport.TestHttp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Command jobs submitted through the gateway, their references resolved by the real
 * workspace-service and compute-service: a registered, a curated and an inline environment, a data
 * asset, an https input and a datastore path, each answered in the run's {@code job}; a reference
 * to nothing is a 400 and creates no run.
 */
class CommandJobSubmissionTest {

  static TestHttp admin;
  static String workspace;
  static String jobs;
  static String snapshotId;

  @BeforeAll
  static void setUp() {
    admin = SharedPlatform.asAdmin();
    workspace = "cmdjobs-" + UUID.randomUUID().toString().substring(0, 8);
    String base = "/api/v1/workspaces/" + workspace;
    jobs = base + "/jobs";
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    // compute-service gives every new workspace its local cluster when WorkspaceCreated arrives.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get(base + "/computes/local").status() == 200);
    assertThat(
            admin
                .send(
                    "PUT",
                    base + "/environments/sklearn-env/versions/1",
                    "application/yaml",
                    "image: python:3.11-slim\npip_requirements:\n  - scikit-learn\n")
                .status())
        .isIn(200, 201);
    assertThat(
            admin
                .send(
                    "PUT",
                    base + "/datastores/workspaceblobstore/files/data/wine.csv",
                    "text/csv",
                    "alcohol,quality\n9.4,5\n")
                .status())
        .isIn(200, 201);
    assertThat(
            admin
                .send(
                    "PUT",
                    base + "/data/wine/versions/1",
                    "application/json",
                    "{\"type\":\"uri_file\","
                        + "\"path\":\"azureml://datastores/workspaceblobstore/paths/data/wine.csv\"}")
                .status())
        .isIn(200, 201);
    String code = "print('hello')\n";
    String sha = Hashes.sha256Hex(code);
    admin.send("PUT", base + "/snapshots/blobs/" + sha, "application/octet-stream", code);
    TestHttp.Response snapshot =
        admin.postJson(
            base + "/snapshots",
            "{\"files\":[{\"path\":\"train.py\",\"sha256\":\""
                + sha
                + "\",\"size\":"
                + code.length()
                + "}]}");
    assertThat(snapshot.status()).isIn(200, 201);
    snapshotId = snapshot.json().get("id").asString();
  }

  private static int runCount() {
    return admin.get(jobs + "?limit=100").json().get("items").size();
  }

  @Test
  void resolvesEveryKindOfReferenceAgainstTheRealServices() {
    String yaml =
        """
        $schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
        command: >-
          python train.py --alpha ${{inputs.alpha}} --wine ${{inputs.wine}}
          --remote ${{inputs.remote}} --raw ${{inputs.raw}} --out ${{outputs.model}}
        code: azureml:snapshots/%s
        inputs:
          alpha: 0.5
          wine:
            path: azureml:wine@latest
          remote:
            type: uri_file
            path: https://example.org/wine.csv
          raw:
            type: uri_folder
            path: azureml://datastores/workspaceblobstore/paths/data
        outputs:
          model:
        environment: azureml:sklearn-env@latest
        compute: azureml:local
        experiment_name: wine
        """
            .formatted(snapshotId);

    TestHttp.Response created = admin.send("POST", jobs, "application/yaml", yaml);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("status").asString()).isEqualTo("Queued");
    JsonNode job = created.json().get("job");
    assertThat(job.get("snapshotId").asString()).isEqualTo(snapshotId);
    assertThat(job.get("compute").asString()).isEqualTo("local");
    assertThat(job.at("/environment/reference").asString()).isEqualTo("azureml:sklearn-env:1");
    assertThat(job.at("/environment/pipRequirements/0").asString()).isEqualTo("scikit-learn");
    assertThat(job.at("/environment/contentHash").asString()).isNotBlank();
    assertThat(job.at("/inputs/wine/type").asString()).isEqualTo("uri_file");
    assertThat(job.at("/inputs/wine/datastore").asString()).isEqualTo("workspaceblobstore");
    assertThat(job.at("/inputs/wine/path").asString()).isEqualTo("data/wine.csv");
    assertThat(job.at("/inputs/remote/url").asString()).isEqualTo("https://example.org/wine.csv");
    assertThat(job.at("/inputs/raw/type").asString()).isEqualTo("uri_folder");
    assertThat(job.at("/inputs/raw/path").asString()).isEqualTo("data");
    assertThat(job.at("/inputs/alpha/value").asString()).isEqualTo("0.5");
    assertThat(job.at("/outputs/model/type").asString()).isEqualTo("uri_folder");
  }

  @Test
  void resolvesCuratedAndInlineEnvironments() {
    TestHttp.Response curated =
        admin.postJson(
            jobs, "{\"command\": \"python -V\", \"environment\": \"AzureML-sklearn-1.0@latest\"}");
    assertThat(curated.status()).as(curated.body()).isEqualTo(201);
    assertThat(curated.json().at("/job/environment/reference").asString())
        .startsWith("azureml:kiln-sklearn:");

    String inline =
        """
        command: python -V
        environment:
          image: python:3.11-slim
          conda_file:
            dependencies:
              - python=3.11
              - pip:
                  - numpy==2.1.0
        """;
    TestHttp.Response first = admin.send("POST", jobs, "application/yaml", inline);
    TestHttp.Response second = admin.send("POST", jobs, "application/yaml", inline);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String reference = first.json().at("/job/environment/reference").asString();
    assertThat(reference).matches("azureml:CliV2AnonymousEnvironment:[0-9a-f]{32}");
    assertThat(first.json().at("/job/environment/pipRequirements/0").asString())
        .isEqualTo("numpy==2.1.0");
    assertThat(second.json().at("/job/environment/reference").asString()).isEqualTo(reference);
    String version = reference.substring(reference.lastIndexOf(':') + 1);
    assertThat(
            admin
                .get(
                    "/api/v1/workspaces/"
                        + workspace
                        + "/environments/CliV2AnonymousEnvironment/versions/"
                        + version)
                .status())
        .isEqualTo(200);
  }

  @Test
  void refusesReferencesToNothingAndCreatesNoRun() {
    int before = runCount();
    String[][] cases = {
      {
        "{\"command\": \"echo\", \"environment\": \"azureml:no-such-env:1\"}",
        "environment_not_found"
      },
      {
        "{\"command\": \"echo ${{inputs.d}}\", \"environment\": \"kiln-sklearn\","
            + " \"inputs\": {\"d\": {\"path\": \"azureml:no-such-data:1\"}}}",
        "data_not_found"
      },
      {
        "{\"command\": \"echo\", \"environment\": \"kiln-sklearn\", \"compute\": \"azureml:no-such-pool\"}",
        "compute_not_found"
      }
    };
    for (String[] bad : cases) {
      TestHttp.Response refused = admin.postJson(jobs, bad[0]);
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().get("code").asString()).isEqualTo(bad[1]);
    }
    assertThat(runCount()).isEqualTo(before);
  }
}
