package dev.kiln.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.testsupport.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A restart of the platform loses no job: a running job's workload is re-attached (not run again)
 * and its log carries on where it was, and a job queued behind it runs afterwards.
 */
class JobRestartTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aRunningAndAQueuedJobBothCompleteAcrossARestart() {
    TestHttp admin = SharedPlatform.asAdmin();
    String workspace = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.postJson("/api/v1/workspaces", "{\"name\":\"" + workspace + "\"}").status())
        .isEqualTo(201);
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/v1/workspaces/" + workspace + "/computes/solo",
                    "application/json",
                    "{\"type\":\"amlcompute\",\"min_instances\":0,\"max_instances\":1}")
                .status())
        .isIn(200, 201);
    String running =
        submit(admin, workspace, "for i in $(seq 1 60); do echo tick $i; sleep 0.5; done");
    String queued = submit(admin, workspace, "echo after the restart");
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(admin.get(jobs(workspace, running) + "/logs").body())
                    .contains("tick 2"));

    SharedPlatform.restart();
    TestHttp again = SharedPlatform.asAdmin();

    for (String run : List.of(running, queued)) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () ->
                  assertThat(again.get(jobs(workspace, run)).json().path("status").asString())
                      .isEqualTo("Completed"));
    }
    String log = again.get(jobs(workspace, running) + "/logs").body();
    assertThat(log).contains("tick 1", "tick 30", "tick 60");
    assertThat(again.get(jobs(workspace, running) + "/execution").json().path("attempts"))
        .hasSize(1);
    assertThat(again.get(jobs(workspace, queued) + "/logs").body()).contains("after the restart");
  }

  private static String submit(TestHttp admin, String workspace, String command) {
    TestHttp.Response created =
        admin.postJson(
            "/api/v1/workspaces/" + workspace + "/jobs",
            JSON.writeValueAsString(
                Map.of(
                    "command", command,
                    "environment", "azureml:kiln-minimal@latest",
                    "compute", "azureml:solo")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("name").asString();
  }

  private static String jobs(String workspace, String run) {
    return "/api/v1/workspaces/" + workspace + "/jobs/" + run;
  }
}
