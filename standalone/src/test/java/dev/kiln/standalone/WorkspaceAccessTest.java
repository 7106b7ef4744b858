package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The workspace access rule, tried on every route of every service that names a workspace. The
 * routes come from each service's own OpenAPI document, so a route added later is covered without
 * touching this test.
 */
class WorkspaceAccessTest {

  record Operation(String service, String method, String path) {}

  static TestHttp admin;
  static String workspace;
  static TestHttp outsider;
  static TestHttp reader;

  @BeforeAll
  static void setUp() {
    admin = SharedPlatform.asAdmin();
    workspace = "guarded-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    outsider = SharedPlatform.as(newUser("outsider"));
    String readerName = "reader-" + UUID.randomUUID().toString().substring(0, 8);
    reader = SharedPlatform.as(newUser(readerName));
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/" + workspace + "/members/" + readerName,
                    "application/json",
                    "{\"role\":\"Reader\"}")
                .status())
        .isEqualTo(200);
  }

  private static String newUser(String prefix) {
    String name =
        prefix.startsWith("reader-")
            ? prefix
            : prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    TestHttp.Response created = admin.postJson("/api/v1/users", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().at("/token/token").asString();
  }

  /** Every operation of every service whose path has {@code {workspace}} in it. */
  static List<Operation> workspaceOperations() {
    StandalonePlatform platform = SharedPlatform.get();
    List<Operation> operations = new ArrayList<>();
    for (int i = 0; i < ServiceSpec.ALL.size(); i++) {
      ServiceSpec service = ServiceSpec.ALL.get(i);
      JsonNode document =
          TestHttp.onPort(platform.settings().servicePort(i)).get("/v3/api-docs").json();
      for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
        if (!path.getKey().contains("{workspace}")) {
          continue;
        }
        for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
          if (method.getKey().equalsIgnoreCase("options")
              || method.getKey().equalsIgnoreCase("head")) {
            continue; // answered by Spring itself, with the allowed methods and no data
          }
          operations.add(
              new Operation(service.name(), method.getKey().toUpperCase(), path.getKey()));
        }
      }
    }
    return operations;
  }

  private static TestHttp.Response call(TestHttp client, Operation operation) {
    String path = operation.path().replace("{workspace}", workspace).replaceAll("\\{[^}]+}", "x");
    boolean hasBody = !operation.method().equals("GET") && !operation.method().equals("DELETE");
    return client.send(
        operation.method(), path, hasBody ? "application/json" : null, hasBody ? "{}" : null);
  }

  /** Reads, GETs and the searches that MLflow and Kiln take as a POST body. */
  private static boolean readsOnly(Operation operation) {
    return operation.method().equals("GET") || operation.path().endsWith("/search");
  }

  /** The error code: Kiln's problem+json {@code code}, or MLflow's {@code error_code}. */
  private static String code(TestHttp.Response response) {
    var json = response.json();
    return json.has("code") ? json.get("code").asString() : json.path("error_code").asString();
  }

  @Test
  void findsTheRoutesToTry() {
    assertThat(workspaceOperations())
        .extracting(Operation::path)
        .contains("/api/v1/workspaces/{workspace}", "/api/v1/workspaces/{workspace}/members");
  }

  @Test
  void hidesAWorkspaceFromANonMemberOnEveryRoute() {
    for (Operation operation : workspaceOperations()) {
      TestHttp.Response response = call(outsider, operation);
      assertThat(response.status()).as(operation.toString()).isEqualTo(404);
      assertThat(code(response))
          .as(operation.toString())
          .isIn("workspace_not_found", "RESOURCE_DOES_NOT_EXIST");
    }
  }

  @Test
  void letsAReaderReadButChangeNothing() {
    for (Operation operation : workspaceOperations()) {
      TestHttp.Response response = call(reader, operation);
      if (readsOnly(operation)) {
        // A reader may read: anything but a refusal (a 404 for a made-up name is fine).
        assertThat(response.status()).as(operation.toString()).isNotIn(401, 403);
        if (response.status() == 404) {
          assertThat(code(response)).as(operation.toString()).isNotEqualTo("workspace_not_found");
        }
      } else {
        assertThat(response.status()).as(operation.toString()).isEqualTo(403);
        assertThat(code(response)).as(operation.toString()).isIn("forbidden", "PERMISSION_DENIED");
      }
    }
    assertThat(admin.get("/api/v1/workspaces/" + workspace).status()).isEqualTo(200);
  }

  @Test
  void listsOnlyTheWorkspacesACallerBelongsTo() {
    JsonNode forOutsider = outsider.get("/api/v1/workspaces").json().get("items");
    assertThat(forOutsider.findValuesAsString("name")).doesNotContain(workspace);
    JsonNode forReader = reader.get("/api/v1/workspaces").json().get("items");
    assertThat(forReader.findValuesAsString("name")).contains(workspace);
  }
}
