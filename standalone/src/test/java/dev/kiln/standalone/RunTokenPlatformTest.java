package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.auth.IdentityTokens;
import dev.kiln.common.crypto.Hashes;
import dev.kiln.testsupport.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a job's workload does with its run token, through the gateway to the real services: it reads
 * its run, appends logs, posts metrics, downloads its snapshot and logs through MLflow, as the run
 * (named {@code run:<name>}), and can do nothing else.
 */
class RunTokenPlatformTest {

  static final String CODE = "print('hello')\n";

  static TestHttp admin;
  static TestHttp compute;
  static String workspace;
  static String userId;
  static String runName;
  static UUID runId;
  static String snapshotId;

  @BeforeAll
  static void setUp() {
    StandalonePlatform platform = SharedPlatform.get();
    admin = SharedPlatform.asAdmin();
    // compute-service's part: it calls workspace-service directly, with its system identity.
    IdentityTokens identities =
        new IdentityTokens(
            Secrets.loadOrCreate(platform.settings()).get("internal-secret"),
            JsonMapper.builder().build(),
            Clock.systemUTC());
    String system =
        identities.sign(
            new Identity(Identity.SYSTEM_PREFIX + "compute", "compute", false, null, null, null));
    compute =
        TestHttp.onPort(platform.settings().servicePort(0))
            .withHeaders(Map.of(IdentityTokens.HEADER, system));

    workspace = "runtok-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    String userName = "submitter-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode user = admin.postJson("/api/v1/users", "{\"name\":\"" + userName + "\"}").json();
    userId = user.get("id").asString();
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/" + workspace + "/members/" + userName,
                    "application/json",
                    "{\"role\":\"Contributor\"}")
                .status())
        .isEqualTo(200);
    TestHttp submitter = SharedPlatform.as(user.at("/token/token").asString());

    String sha = Hashes.sha256Hex(CODE);
    assertThat(
            submitter
                .send(
                    "PUT",
                    "/api/v1/workspaces/" + workspace + "/snapshots/blobs/" + sha,
                    "application/octet-stream",
                    CODE)
                .status())
        .isIn(200, 201);
    TestHttp.Response snapshot =
        submitter.postJson(
            "/api/v1/workspaces/" + workspace + "/snapshots",
            "{\"files\":[{\"path\":\"train.py\",\"sha256\":\""
                + sha
                + "\",\"size\":"
                + CODE.length()
                + "}]}");
    assertThat(snapshot.status()).isIn(200, 201);
    snapshotId = snapshot.json().get("id").asString();

    runName = "job-" + UUID.randomUUID().toString().substring(0, 8);
    TestHttp.Response run =
        submitter.postJson(
            "/api/v1/workspaces/" + workspace + "/jobs",
            "{\"name\":\"" + runName + "\",\"snapshotId\":\"" + snapshotId + "\"}");
    assertThat(run.status()).isEqualTo(201);
    runId = UUID.fromString(run.json().get("id").asString());
    assertThat(
            submitter
                .postJson(
                    "/api/v1/workspaces/" + workspace + "/jobs",
                    "{\"name\":\"" + runName + "-other\"}")
                .status())
        .isEqualTo(201);
  }

  private static TestHttp runToken() {
    TestHttp.Response issued =
        compute.postJson(
            "/internal/v1/run-tokens",
            "{\"workspace\":\""
                + workspace
                + "\",\"runId\":\""
                + runId
                + "\",\"runName\":\""
                + runName
                + "\",\"userId\":\""
                + userId
                + "\",\"ttlSeconds\":3600}");
    assertThat(issued.status()).isEqualTo(201);
    return SharedPlatform.as(issued.json().get("token").asString());
  }

  private static String job(String rest) {
    return "/api/v1/workspaces/" + workspace + "/jobs/" + runName + rest;
  }

  @Test
  void readsItsRunAppendsLogsAndPostsMetrics() {
    TestHttp token = runToken();
    TestHttp.Response run = token.get(job(""));
    assertThat(run.status()).isEqualTo(200);
    assertThat(run.json().get("name").asString()).isEqualTo(runName);

    assertThat(
            token
                .postJson(job("/logs"), "{\"stream\":\"stdout\",\"lines\":[\"epoch 1 done\"]}")
                .status())
        .isIn(200, 201);
    assertThat(admin.get(job("/logs")).body()).contains("epoch 1 done");

    long now = System.currentTimeMillis();
    assertThat(
            token
                .postJson(
                    job("/batch"),
                    "{\"metrics\":[{\"key\":\"system/cpu_utilization_percentage\",\"value\":12.5,"
                        + "\"step\":0,\"timestamp\":"
                        + now
                        + "}]}")
                .status())
        .isIn(200, 204);
    assertThat(admin.get(job("/metrics")).body()).contains("system/cpu_utilization_percentage");
  }

  @Test
  void fetchesItsSnapshotAndDatastoreFilesThroughSignedUrls() throws Exception {
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/"
                        + workspace
                        + "/datastores/workspaceblobstore/files/in/a.csv",
                    "application/octet-stream",
                    "a,b\n")
                .status())
        .isEqualTo(200);
    TestHttp token = runToken();

    TestHttp.Response code =
        token.get(
            "/api/v1/workspaces/" + workspace + "/snapshots/" + snapshotId + "/download-urls");
    TestHttp.Response data =
        token.get(
            "/api/v1/workspaces/"
                + workspace
                + "/datastores/workspaceblobstore/download-urls?prefix=in/");

    assertThat(code.status()).as(code.body()).isEqualTo(200);
    assertThat(data.status()).as(data.body()).isEqualTo(200);
    assertThat(fetch(code.json().at("/files/0/url").asString())).isEqualTo(CODE);
    assertThat(data.json().at("/files/0/path").asString()).isEqualTo("in/a.csv");
    assertThat(fetch(data.json().at("/files/0/url").asString())).isEqualTo("a,b\n");
  }

  /** A signed URL, fetched as the runner does: straight from storage, without any token. */
  private static String fetch(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  @Test
  void logsThroughMlflowNamedAfterTheRun() {
    TestHttp token = runToken();
    String mlflow = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow";
    assertThat(
            token
                .postJson(
                    mlflow + "/runs/log-metric",
                    "{\"run_id\":\""
                        + runName
                        + "\",\"key\":\"accuracy\",\"value\":0.9,\"step\":1,\"timestamp\":"
                        + System.currentTimeMillis()
                        + "}")
                .status())
        .isEqualTo(200);
    assertThat(admin.get(job("/metrics")).body()).contains("accuracy");

    TestHttp.Response created =
        token.postJson(mlflow + "/runs/create", "{\"run_name\":\"" + runName + "-child\"}");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().at("/run/info/user_id").asString()).isEqualTo("run:" + runName);
  }

  @Test
  void cannotReachBeyondItsRun() {
    TestHttp token = runToken();
    for (String path :
        new String[] {
          "/api/v1/workspaces/" + workspace + "/jobs/" + runName + "-other",
          "/api/v1/workspaces/" + workspace + "/jobs",
          "/api/v1/workspaces",
          "/api/v1/tokens"
        }) {
      TestHttp.Response refused = token.get(path);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.json().get("code").asString()).as(path).isEqualTo("run_token_scope");
    }
    assertThat(token.delete("/api/v1/workspaces/" + workspace).status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/workspaces/" + workspace).status()).isEqualTo(200);
  }

  @Test
  void stopsWorkingOnceTheRunsTokensAreRevoked() {
    TestHttp token = runToken();
    assertThat(token.get(job("")).status()).isEqualTo(200);
    assertThat(
            compute
                .postJson("/internal/v1/run-tokens/revoke", "{\"runId\":\"" + runId + "\"}")
                .status())
        .isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> token.get(job("")).status() == 401);
  }
}
