package dev.kiln.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.app.KilnServiceApplication;
import dev.kiln.testsupport.FreePorts;
import dev.kiln.testsupport.SharedInfrastructureInitializer;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import dev.kiln.workspace.WorkspaceServiceApplication;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A run token at the gateway, in front of a real workspace-service: confined to its run's paths,
 * acting in its own workspace only, and refused once revoked. The other services point at a closed
 * port, so a 503 shows that the gateway let a request through; what run-service does with a run
 * token is tested on the whole standalone platform.
 */
class RunTokenGatewayTest {

  static ConfigurableApplicationContext workspaceService;
  static ConfigurableApplicationContext gateway;
  static TestHttp admin;
  static TestHttp compute;
  static String workspace;
  static String otherWorkspace;
  static String userId;

  @BeforeAll
  static void start() {
    workspaceService =
        KilnServiceApplication.builder(
                WorkspaceServiceApplication.class, WorkspaceServiceApplication.NAME)
            .initializers(new SharedInfrastructureInitializer())
            .run("--server.port=0");
    String nowhere = "http://127.0.0.1:" + FreePorts.block(1);
    gateway =
        GatewayApplication.builder()
            .run(
                "--server.port=0",
                "--kiln.internal-secret=" + TestIdentities.SECRET,
                "--kiln.services.workspace=http://127.0.0.1:" + port(workspaceService),
                "--kiln.services.compute=" + nowhere,
                "--kiln.services.run=" + nowhere,
                "--kiln.services.registry=" + nowhere,
                "--kiln.services.deploy=" + nowhere,
                "--kiln.services.pipeline=" + nowhere);
    admin = TestHttp.onPort(port(gateway)).withHeaders(bearer(GatewayTest.ADMIN_TOKEN));
    // compute-service's part: it calls workspace-service directly with its system identity.
    compute = TestHttp.onPort(port(workspaceService)).withHeaders(TestIdentities.system("compute"));
    workspace = newWorkspace();
    otherWorkspace = newWorkspace();
    String userName = "runner-" + UUID.randomUUID().toString().substring(0, 8);
    userId =
        admin
            .postJson("/api/v1/users", "{\"name\":\"" + userName + "\"}")
            .json()
            .get("id")
            .asString();
    // A member of both workspaces as Owner: the run token must still act in its own only.
    for (String ws : new String[] {workspace, otherWorkspace}) {
      assertThat(
              admin
                  .send(
                      "PUT",
                      "/api/v1/workspaces/" + ws + "/members/" + userName,
                      "application/json",
                      "{\"role\":\"Owner\"}")
                  .status())
          .isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() {
    gateway.close();
    workspaceService.close();
  }

  static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(
        context.getBean(Environment.class).getRequiredProperty("local.server.port"));
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static String newWorkspace() {
    String name = "rtg-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + name + "\"}").status())
        .isEqualTo(201);
    return name;
  }

  private static TestHttp runToken(UUID runId, String runName) {
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
    return TestHttp.onPort(port(gateway))
        .withHeaders(bearer(issued.json().get("token").asString()));
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/workspaces",
    "POST, /api/v1/workspaces",
    "GET, /api/v1/workspaces/{ws}",
    "DELETE, /api/v1/workspaces/{ws}",
    "GET, /api/v1/workspaces/{ws}/members",
    "GET, /api/v1/workspaces/{ws}/jobs",
    "POST, /api/v1/workspaces/{ws}/jobs",
    "GET, /api/v1/workspaces/{ws}/jobs/another-run",
    "POST, /api/v1/workspaces/{ws}/snapshots",
    "PUT, /api/v1/workspaces/{ws}/datastores/workspaceblobstore/files/x.txt",
    "GET, /api/v1/workspaces/{ws}/environments",
    "GET, /api/v1/workspaces/{ws}/computes",
    "GET, /api/v1/tokens",
    "POST, /api/v1/tokens",
    "GET, /api/v1/users/me",
  })
  void refusesARunTokenOutsideItsRun(String method, String path) {
    TestHttp token = runToken(UUID.randomUUID(), "scoped");
    TestHttp.Response refused =
        token.send(method, path.replace("{ws}", workspace), "application/json", "{}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("code").asString()).isEqualTo("run_token_scope");
  }

  @Test
  void leavesTheWorkspaceAndItsTokensAloneWhenARunTokenTriesToDeleteThem() {
    TestHttp token = runToken(UUID.randomUUID(), "destroyer");
    assertThat(token.delete("/api/v1/workspaces/" + workspace).status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/workspaces/" + workspace).status()).isEqualTo(200);
    assertThat(token.postJson("/api/v1/tokens", "{\"name\":\"forever\"}").status()).isEqualTo(403);
  }

  @Test
  void readsDatastoreFilesOfItsWorkspaceOnly() {
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/"
                        + workspace
                        + "/datastores/workspaceblobstore/files/in/a.txt",
                    "application/octet-stream",
                    "hello")
                .status())
        .isIn(200, 201);
    TestHttp token = runToken(UUID.randomUUID(), "reader");

    TestHttp.Response file =
        token.get(
            "/api/v1/workspaces/" + workspace + "/datastores/workspaceblobstore/files/in/a.txt");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("hello");
    TestHttp.Response list =
        token.get(
            "/api/v1/workspaces/" + workspace + "/datastores/workspaceblobstore/files?prefix=in/");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("in/a.txt");

    // Its submitter is an Owner there, but the run token acts in its own workspace only.
    TestHttp.Response elsewhere =
        token.get(
            "/api/v1/workspaces/"
                + otherWorkspace
                + "/datastores/workspaceblobstore/files?prefix=in/");
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(elsewhere.json().get("code").asString()).isEqualTo("workspace_not_found");
  }

  @Test
  void passesItsOwnRunsPathsOn() {
    TestHttp token = runToken(UUID.randomUUID(), "passing");
    // run-service and compute-service are not running here: 503 means the gateway let it through.
    assertThat(token.get("/api/v1/workspaces/" + workspace + "/jobs/passing").status())
        .isEqualTo(503);
    assertThat(
            token
                .postJson(
                    "/api/v1/workspaces/" + workspace + "/jobs/passing/execution/heartbeat",
                    "{\"attempt\":1,\"phase\":\"running\"}")
                .status())
        .isEqualTo(503);
    assertThat(
            token
                .postJson(
                    "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow/runs/log-metric", "{}")
                .status())
        .isEqualTo(503);
  }

  @Test
  void refusesARevokedRunTokenWithinSeconds() {
    UUID runId = UUID.randomUUID();
    TestHttp token = runToken(runId, "ending");
    String path = "/api/v1/workspaces/" + workspace + "/datastores/workspaceblobstore/files";
    assertThat(token.get(path).status()).isEqualTo(200);

    assertThat(
            compute
                .postJson("/internal/v1/run-tokens/revoke", "{\"runId\":\"" + runId + "\"}")
                .status())
        .isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> token.get(path).status() == 401);
    assertThat(token.get(path).json().get("code").asString()).isEqualTo("unauthenticated");
  }
}
