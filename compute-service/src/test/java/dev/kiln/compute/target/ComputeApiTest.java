package dev.kiln.compute.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.auth.Role;
import dev.kiln.compute.ComputeServiceTest;
import dev.kiln.compute.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ComputeServiceTest
class ComputeApiTest {

  /** The compute cluster example of YAML.md. */
  static final String CPU_POOL =
      """
      $schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
      name: cpu-pool
      type: amlcompute
      min_instances: 0
      max_instances: 4
      idle_time_before_scale_down: 120
      """;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ComputeTargetRepository targets;

  TestHttp http;
  String workspace;
  String base;

  @BeforeEach
  void setUp() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    workspace = TestWorkspaces.create(dataSource, "cmp");
    base = "/api/v1/workspaces/" + workspace + "/computes";
  }

  private TestHttp.Response putYaml(String name, String yaml) {
    return http.send("PUT", base + "/" + name, "application/yaml", yaml);
  }

  private TestHttp.Response putJson(String name, String json) {
    return http.send("PUT", base + "/" + name, "application/json", json);
  }

  private int rows() {
    return TestWorkspaces.computes(dataSource, workspace);
  }

  @Test
  void createsTheClusterOfTheYamlExampleAndShowsItsLiveFigures() {
    TestHttp.Response created = putYaml("cpu-pool", CPU_POOL);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo(base + "/cpu-pool");
    JsonNode body = created.json();
    assertThat(body.get("name").asString()).isEqualTo("cpu-pool");
    assertThat(body.get("type").asString()).isEqualTo("amlcompute");
    assertThat(body.get("kind").asString()).isEqualTo("cluster");
    assertThat(body.get("backend").asString()).isEqualTo("local");
    assertThat(body.get("minInstances").asInt()).isZero();
    assertThat(body.get("maxInstances").asInt()).isEqualTo(4);
    assertThat(body.get("idleTimeBeforeScaleDown").asInt()).isEqualTo(120);
    assertThat(body.get("slotsPerNode").asInt()).isEqualTo(1);
    assertThat(body.get("createdBy").asString()).isEqualTo(TestIdentities.ADMIN_ID);
    assertThat(body.has("warnings")).isFalse();

    JsonNode shown = http.get(base + "/cpu-pool").json();
    assertThat(shown.get("id").asString()).isEqualTo(body.get("id").asString());
    assertThat(shown.get("maxInstances").asInt()).isEqualTo(4);
    assertThat(shown.get("nodes").asInt()).isZero();
    assertThat(shown.get("busySlots").asInt()).isZero();
    assertThat(shown.get("queued").asInt()).isZero();
    assertThat(shown.get("running").asInt()).isZero();
  }

  @Test
  void answersTheSameSpecAgainWith200AndChangesNothing() {
    JsonNode first = putYaml("cpu-pool", CPU_POOL).json();

    TestHttp.Response again = putYaml("cpu-pool", CPU_POOL);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("updatedAt").asString())
        .isEqualTo(first.get("updatedAt").asString());
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void changesTheNodeBoundsOfACluster() {
    JsonNode first = putYaml("cpu-pool", CPU_POOL).json();

    TestHttp.Response changed =
        putYaml(
            "cpu-pool",
            CPU_POOL
                .replace("max_instances: 4", "max_instances: 8")
                .replace("min_instances: 0", "min_instances: 1"));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("maxInstances").asInt()).isEqualTo(8);
    assertThat(changed.json().get("minInstances").asInt()).isEqualTo(1);
    assertThat(changed.json().get("id").asString()).isEqualTo(first.get("id").asString());
    assertThat(changed.json().get("updatedAt").asString())
        .isNotEqualTo(first.get("updatedAt").asString());
    assertThat(http.get(base + "/cpu-pool").json().get("maxInstances").asInt()).isEqualTo(8);
  }

  @Test
  void makesAComputeInstanceOneNodeAndWarnsOfItsAzureSize() {
    TestHttp.Response created =
        putYaml(
            "my-box",
            """
            $schema: https://azuremlschemas.azureedge.net/latest/computeInstance.schema.json
            name: my-box
            size: Standard_DS3_v2
            """);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("type").asString()).isEqualTo("computeinstance");
    assertThat(created.json().get("kind").asString()).isEqualTo("instance");
    assertThat(created.json().get("minInstances").asInt()).isEqualTo(1);
    assertThat(created.json().get("maxInstances").asInt()).isEqualTo(1);
    assertThat(created.json().get("warnings").toString()).contains("'size'");
  }

  @Test
  void takesKilnsOwnKeysInJson() {
    TestHttp.Response created =
        putJson(
            "gpu-pool",
            """
            {"type": "amlcompute", "backend": "docker", "max_instances": 2,
             "slots_per_node": 4, "resources": {"cpus": 2, "memory_gb": 8, "gpus": 1},
             "description": "GPU pool", "tags": {"team": "vision"}}
            """);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("backend").asString()).isEqualTo("docker");
    assertThat(body.get("slotsPerNode").asInt()).isEqualTo(4);
    assertThat(body.at("/resources/cpus").asDouble()).isEqualTo(2.0);
    assertThat(body.at("/resources/memoryGb").asDouble()).isEqualTo(8.0);
    assertThat(body.at("/resources/gpus").asInt()).isEqualTo(1);
    assertThat(body.at("/tags/team").asString()).isEqualTo("vision");
    ComputeTarget stored =
        targets.findByName(TestWorkspaces.idOf(dataSource, workspace), "gpu-pool").orElseThrow();
    assertThat(stored.memoryMb()).isEqualTo(8192);
    assertThat(stored.backend()).isEqualTo(ComputeBackend.DOCKER);
  }

  @Test
  void ignoresAzureOnlyAndUnknownKeysWithWarnings() {
    TestHttp.Response created =
        putYaml(
            "cpu-pool",
            CPU_POOL
                + """
                tier: dedicated
                location: westeurope
                identity:
                  type: system_assigned
                ssh_public_access_enabled: false
                network_settings:
                  vnet_name: my-vnet
                priority_class: gold
                """);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("warnings").toString())
        .contains("'tier'")
        .contains("'location'")
        .contains("'identity'")
        .contains("'ssh_public_access_enabled'")
        .contains("'network_settings'")
        .contains("'priority_class'");
    assertThat(created.header("X-Kiln-Ignored-Keys")).isEqualTo("priority_class");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "name: cpu-pool\ntype: amlcompute\nmax_instance: 4\n|max_instance|3|max_instances",
        "name: cpu-pool\nresources:\n  cpus: 2\n  memory_gbs: 4\n|memory_gbs|4|memory_gb"
      })
  void refusesATypoNamingTheKeyAndItsLine(String testCase) {
    String[] parts = testCase.split("\\|");
    TestHttp.Response response = putYaml("cpu-pool", parts[0]);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("unknown_key");
    assertThat(response.json().get("detail").asString())
        .contains("'" + parts[1] + "' at line " + parts[2])
        .contains("'" + parts[3] + "'");
    assertThat(rows()).isZero();
  }

  @Test
  void refusesATypoInOneLineJsonWithoutALineNumber() {
    TestHttp.Response response = putJson("cpu-pool", "{\"max_instance\": 4}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("unknown_key");
    assertThat(response.json().get("detail").asString())
        .contains("'max_instance'")
        .doesNotContain("line");
    assertThat(rows()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"min_instances\": 5, \"max_instances\": 2}",
        "{\"max_instances\": 1001}",
        "{\"max_instances\": 0}",
        "{\"min_instances\": -1}",
        "{\"idle_time_before_scale_down\": -1}",
        "{\"slots_per_node\": 0}",
        "{\"slots_per_node\": 257}",
        "{\"backend\": \"mainframe\"}",
        "{\"type\": \"kubernetes\"}",
        "{\"name\": \"other-pool\"}",
        "{\"type\": \"computeinstance\", \"max_instances\": 3}",
        "{\"resources\": {\"cpus\": 0}}",
        "{\"resources\": {\"memory_gb\": -2}}",
        "{\"resources\": {\"gpus\": -1}}",
        "{\"max_instances\": \"many\"}",
        "{\"tags\": [\"a\"]}",
        "[1, 2]",
        "\"cpu-pool\""
      })
  void refusesAnInvalidSpecAndWritesNothing(String spec) {
    TestHttp.Response response = putJson("cpu-pool", spec);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asString()).isEqualTo("invalid_compute_spec");
    assertThat(rows()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "1pool", "pool_x", "pool.x", "abcdefghijklmnopqrstuvwxyz0123456"})
  void refusesABadComputeNameAndWritesNothing(String name) {
    TestHttp.Response response = putJson(name, "{}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("invalid_compute_spec");
    assertThat(response.json().get("detail").asString()).contains("2 to 32 letters");
    assertThat(rows()).isZero();
  }

  @Test
  void refusesMalformedYamlNamingItsLine() {
    TestHttp.Response response = putYaml("cpu-pool", "name: cpu-pool\ntype: [amlcompute\n");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("invalid_yaml");
    assertThat(response.json().get("detail").asString()).contains("line");
    assertThat(rows()).isZero();
  }

  @Test
  void refusesMalformedJsonNamingItsLine() {
    TestHttp.Response response = putJson("cpu-pool", "{\n\"max_instances\": 4,,\n}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asString()).isEqualTo("invalid_json");
    assertThat(response.json().get("detail").asString()).contains("line 2");
    assertThat(rows()).isZero();
  }

  @Test
  void refusesABodyThatIsNeitherJsonNorYaml() {
    TestHttp.Response response = http.send("PUT", base + "/cpu-pool", "text/plain", CPU_POOL);

    assertThat(response.status()).isEqualTo(415);
    assertThat(rows()).isZero();
  }

  @Test
  void listsComputesByNamePageByPage() {
    for (String name : new String[] {"b-pool", "A-pool", "c-pool"}) {
      assertThat(putJson(name, "{}").status()).isEqualTo(201);
    }

    JsonNode first = http.get(base + "?limit=2").json();
    assertThat(first.get("items").findValuesAsString("name")).containsExactly("A-pool", "b-pool");
    assertThat(first.get("items").get(0).has("queued")).isTrue();
    JsonNode second = http.get(base + "?limit=2&cursor=" + first.get("next").asString()).json();
    assertThat(second.get("items").findValuesAsString("name")).containsExactly("c-pool");
    assertThat(second.get("next").isNull()).isTrue();
  }

  @Test
  void treatsNamesThatDifferOnlyInCaseAsOneCompute() {
    assertThat(putJson("cpu-pool", "{}").status()).isEqualTo(201);

    TestHttp.Response again = putJson("CPU-Pool", "{\"max_instances\": 2}");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("name").asString()).isEqualTo("cpu-pool");
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void deletesAComputeThatHasNoJobs() {
    putYaml("cpu-pool", CPU_POOL);

    assertThat(http.delete(base + "/cpu-pool").status()).isEqualTo(204);

    TestHttp.Response gone = http.get(base + "/cpu-pool");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("code").asString()).isEqualTo("compute_not_found");
    assertThat(http.delete(base + "/cpu-pool").status()).isEqualTo(404);
    assertThat(rows()).isZero();
  }

  @Test
  void answers404ForAnUnknownWorkspaceAndWritesNothing() {
    String unknown = "/api/v1/workspaces/nope-" + UUID.randomUUID().toString().substring(0, 8);
    int before = allRows();

    TestHttp.Response put =
        http.send("PUT", unknown + "/computes/cpu-pool", "application/yaml", CPU_POOL);

    assertThat(put.status()).isEqualTo(404);
    assertThat(put.json().get("code").asString()).isEqualTo("workspace_not_found");
    assertThat(http.get(unknown + "/computes").status()).isEqualTo(404);
    assertThat(allRows()).isEqualTo(before);
  }

  @Test
  void letsAReaderReadButNeitherChangeNorDelete() {
    putYaml("cpu-pool", CPU_POOL);
    TestHttp reader =
        TestHttp.onPort(port)
            .withHeaders(
                TestIdentities.member(UUID.randomUUID().toString(), workspace, Role.READER));

    assertThat(reader.get(base).status()).isEqualTo(200);
    assertThat(reader.get(base + "/cpu-pool").status()).isEqualTo(200);
    TestHttp.Response put =
        reader.send(
            "PUT",
            base + "/cpu-pool",
            "application/yaml",
            CPU_POOL.replace("max_instances: 4", "max_instances: 9"));
    assertThat(put.status()).isEqualTo(403);
    assertThat(reader.delete(base + "/cpu-pool").status()).isEqualTo(403);
    assertThat(reader.send("PUT", base + "/new-pool", "application/json", "{}").status())
        .isEqualTo(403);
    assertThat(rows()).isEqualTo(1);
    assertThat(http.get(base + "/cpu-pool").json().get("maxInstances").asInt()).isEqualTo(4);
  }

  @Test
  void answersUsageSamplesSinceAnInstant() {
    putYaml("cpu-pool", CPU_POOL);
    UUID computeId =
        targets
            .findByName(TestWorkspaces.idOf(dataSource, workspace), "cpu-pool")
            .orElseThrow()
            .id();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    for (String time :
        List.of("2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-03-01T12:00:00Z")) {
      jdbc.update(
          "insert into compute_usage (compute_id, time, nodes, busy_slots, queued)"
              + " values (?, ?::timestamptz, 1, 2, 3)",
          computeId,
          time);
    }

    TestHttp.Response usage = http.get(base + "/cpu-pool/usage?since=2026-01-01T00:00:00Z");

    assertThat(usage.status()).isEqualTo(200);
    assertThat(usage.json().get("compute").asString()).isEqualTo("cpu-pool");
    assertThat(usage.json().get("since").asString()).isEqualTo("2026-01-01T00:00:00Z");
    // The sample before `since` is left out; those at and after it come in time order.
    assertThat(usage.json().get("samples"))
        .extracting(sample -> sample.get("time").asString())
        .containsExactly("2026-01-01T00:00:00Z", "2026-03-01T12:00:00Z");
    assertThat(usage.json().at("/samples/0/busySlots").asInt()).isEqualTo(2);
    TestHttp.Response bad = http.get(base + "/cpu-pool/usage?since=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asString()).isEqualTo("invalid_since");
    assertThat(http.get(base + "/no-pool/usage").status()).isEqualTo(404);
  }

  @Test
  void looksTargetsUpByNameWhateverTheCaseAndById() {
    putYaml("cpu-pool", CPU_POOL);
    UUID workspaceId = TestWorkspaces.idOf(dataSource, workspace);

    ComputeTarget found = targets.findByName(workspaceId, "CPU-POOL").orElseThrow();

    assertThat(found.name()).isEqualTo("cpu-pool");
    assertThat(found.kind()).isEqualTo(ComputeKind.CLUSTER);
    assertThat(found.maxNodes()).isEqualTo(4);
    assertThat(targets.findById(found.id())).contains(found);
    assertThat(targets.findById(UUID.randomUUID())).isEmpty();
    assertThat(targets.findByName(workspaceId, "gpu-pool")).isEmpty();
  }

  private int allRows() {
    return new org.springframework.jdbc.core.JdbcTemplate(dataSource)
        .queryForObject("select count(*) from compute_target", Integer.class);
  }
}
