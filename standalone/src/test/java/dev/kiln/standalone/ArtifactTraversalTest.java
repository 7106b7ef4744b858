package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.storage.ObjectInfo;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.testsupport.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tricks behind MLflow's path-traversal CVEs, sent through the gateway as raw bytes (no client
 * normalisation) to every artifact route, native and MLflow: each must get a 4xx, return nothing of
 * another run, and leave the object store as it was.
 */
class ArtifactTraversalTest {

  /** A file of another run that no trick may reach. */
  static final String SECRET = "secret-of-the-other-run";

  static final List<String> TRICKS =
      List.of(
          "../victim/artifacts/secret.txt",
          "../../../../etc/passwd",
          "a/../../victim/artifacts/secret.txt",
          "%2e%2e/victim/artifacts/secret.txt",
          "%2E%2E%2Fvictim%2Fartifacts%2Fsecret.txt",
          "%252e%252e/victim/artifacts/secret.txt",
          "%25252e%25252e/victim/artifacts/secret.txt",
          "..%5cvictim%5cartifacts%5csecret.txt",
          "..%255cvictim%255csecret.txt",
          "a%5c..%5c..%5csecret.txt",
          "..;/victim/artifacts/secret.txt",
          "model.pkl;jsessionid=1",
          "model.pkl%3Bx=1",
          "model.pkl%23fragment",
          "//proc/self/root/etc/passwd",
          "/etc/passwd",
          "a//b.txt",
          "./a.txt",
          "a/./b.txt",
          "a%00.txt");

  static TestHttp admin;
  static String token;
  static String workspace;
  static String experimentId;
  static ObjectStore objects;
  static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() throws IOException {
    admin = SharedPlatform.asAdmin();
    token = Files.readString(SharedPlatform.get().settings().adminToken()).trim();
    workspace = "trav-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    String jobs = "/api/v1/workspaces/" + workspace + "/jobs";
    var attacker = admin.postJson(jobs, "{\"name\":\"attacker\",\"experimentName\":\"trav\"}");
    assertThat(attacker.status()).isEqualTo(201);
    experimentId = attacker.json().get("experimentId").asString();
    assertThat(admin.postJson(jobs, "{\"name\":\"victim\",\"experimentName\":\"trav\"}").status())
        .isEqualTo(201);
    assertThat(
            admin
                .send(
                    "PUT",
                    jobs + "/victim/artifacts/secret.txt",
                    "application/octet-stream",
                    SECRET)
                .status())
        .isEqualTo(200);
    objects = SharedPlatform.get().service("run").getBean(ObjectStore.class);
  }

  private static HttpResponse<String> raw(
      String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(SharedPlatform.get().gatewayUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> allKeys() {
    return objects.list("").stream().map(ObjectInfo::key).toList();
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The requests of every artifact route for one trick. */
  private static List<String[]> requests(String trick) {
    String native_ = "/api/v1/workspaces/" + workspace + "/jobs/attacker/artifacts";
    String mlflow = "/mlflow/workspaces/" + workspace + "/api/2.0/mlflow-artifacts";
    String mlflowPath = experimentId + "/attacker/artifacts/" + trick;
    String decoded = java.net.URLDecoder.decode(trick, java.nio.charset.StandardCharsets.UTF_8);
    List<String[]> requests = new ArrayList<>();
    requests.add(new String[] {"PUT", native_ + "/" + trick, "application/octet-stream", "x"});
    requests.add(new String[] {"GET", native_ + "/" + trick, null, null});
    requests.add(new String[] {"GET", native_ + "?path=" + trick, null, null});
    requests.add(
        new String[] {
          "POST",
          native_ + "/presign",
          "application/json",
          "{\"path\":" + json(decoded) + ",\"method\":\"GET\"}"
        });
    requests.add(
        new String[] {
          "POST", native_ + "/uploads", "application/json", "{\"path\":" + json(decoded) + "}"
        });
    requests.add(
        new String[] {"PUT", mlflow + "/artifacts/" + mlflowPath, "application/octet-stream", "x"});
    requests.add(new String[] {"GET", mlflow + "/artifacts/" + mlflowPath, null, null});
    requests.add(new String[] {"DELETE", mlflow + "/artifacts/" + mlflowPath, null, null});
    requests.add(new String[] {"GET", mlflow + "/artifacts?path=" + mlflowPath, null, null});
    requests.add(
        new String[] {
          "POST",
          mlflow + "/mpu/create/" + mlflowPath,
          "application/json",
          "{\"path\":" + json(decoded) + ",\"num_parts\":1}"
        });
    return requests;
  }

  @Test
  void refusesEveryTrickOnEveryArtifactRouteAndTouchesNothing() throws Exception {
    List<String> before = allKeys();
    List<String> failures = new ArrayList<>();
    for (String trick : TRICKS) {
      for (String[] r : requests(trick)) {
        HttpResponse<String> response = raw(r[0], r[1], r[2], r[3]);
        boolean refused = response.statusCode() >= 400 && response.statusCode() < 500;
        if (!refused || response.body().contains(SECRET)) {
          failures.add(r[0] + " " + r[1] + " -> " + response.statusCode() + " " + response.body());
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(allKeys()).isEqualTo(before);
  }
}
