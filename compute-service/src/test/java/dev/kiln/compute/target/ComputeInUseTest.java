package dev.kiln.compute.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.compute.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@WithDefaultLocalCompute
class ComputeInUseTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  TestHttp http;
  String base;
  UUID computeId;
  ExecutionRows jobs;

  @BeforeEach
  void createCompute() {
    http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    jobs = new ExecutionRows(dataSource);
    base = "/api/v1/workspaces/" + TestWorkspaces.create(dataSource, "busy") + "/computes/";
    TestHttp.Response created =
        http.send("PUT", base + "cpu-pool", "application/yaml", ComputeApiTest.CPU_POOL);
    assertThat(created.status()).isEqualTo(201);
    computeId = UUID.fromString(created.json().get("id").asString());
  }

  @Test
  void showsTheSchedulersFigures() {
    jobs.setNodes(computeId, 2);
    jobs.add(computeId, "active", 3);
    jobs.add(computeId, "queued", 4);

    JsonNode shown = http.get(base + "cpu-pool").json();

    assertThat(shown.get("nodes").asInt()).isEqualTo(2);
    assertThat(shown.get("busySlots").asInt()).isEqualTo(3);
    assertThat(shown.get("queued").asInt()).isEqualTo(4);
    assertThat(shown.get("running").asInt()).isEqualTo(3);
  }

  @Test
  void refusesToDeleteAComputeWithQueuedJobs() {
    jobs.add(computeId, "queued", 1);

    TestHttp.Response response = http.delete(base + "cpu-pool");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("code").asString()).isEqualTo("compute_in_use");
    assertThat(http.get(base + "cpu-pool").status()).isEqualTo(200);
  }

  @Test
  void refusesToDeleteAComputeWithRunningJobsUntilTheyEnd() {
    jobs.add(computeId, "active", 1);
    assertThat(http.delete(base + "cpu-pool").status()).isEqualTo(409);

    jobs.endAll(computeId);

    assertThat(http.delete(base + "cpu-pool").status()).isEqualTo(204);
  }

  @Test
  void changesNodeBoundsButNotTheBackendWhileJobsRun() {
    jobs.add(computeId, "active", 1);

    TestHttp.Response grown =
        http.send(
            "PUT",
            base + "cpu-pool",
            "application/yaml",
            ComputeApiTest.CPU_POOL.replace("max_instances: 4", "max_instances: 6"));
    TestHttp.Response moved =
        http.send(
            "PUT",
            base + "cpu-pool",
            "application/yaml",
            ComputeApiTest.CPU_POOL + "backend: docker\n");

    assertThat(grown.status()).isEqualTo(200);
    assertThat(moved.status()).isEqualTo(409);
    assertThat(moved.json().get("code").asString()).isEqualTo("compute_in_use");
    JsonNode shown = http.get(base + "cpu-pool").json();
    assertThat(shown.get("maxInstances").asInt()).isEqualTo(6);
    assertThat(shown.get("backend").asString()).isEqualTo("local");
  }
}
