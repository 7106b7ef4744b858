package dev.kiln.run.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.RunServiceTest;
import dev.kiln.run.TestWorkspaces;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@RunServiceTest
class DeletedRunPurgerTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ObjectStore objects;
  @Autowired DeletedRunPurger purger;

  @Test
  void purgesRunsDeletedLongerAgoThanTheRetentionWithTheirObjects() {
    TestHttp http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    String jobs = "/api/v1/workspaces/" + TestWorkspaces.create(dataSource, "purge") + "/jobs";
    UUID old =
        UUID.fromString(http.postJson(jobs, "{\"name\":\"old\"}").json().get("id").asString());
    UUID recent =
        UUID.fromString(http.postJson(jobs, "{\"name\":\"recent\"}").json().get("id").asString());
    http.postJson(jobs, "{\"name\":\"old-child\",\"parent\":\"old\"}");
    for (UUID id : new UUID[] {old, recent}) {
      objects.put(
          RunStorage.artifactPrefix(id) + "model.txt", "m".getBytes(StandardCharsets.UTF_8));
    }
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update(
        "update run set lifecycle = 'deleted', updated_at = now() - interval '31 days' where id = ?",
        old);
    jdbc.update("update run set lifecycle = 'deleted' where id = ?", recent);

    purger.purge();

    assertThat(http.get(jobs + "/old").status()).isEqualTo(404);
    assertThat(http.get(jobs + "/old-child").status()).isEqualTo(404);
    assertThat(http.get(jobs + "/recent").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> objects.list(RunStorage.prefix(old)).isEmpty());
    assertThat(objects.list(RunStorage.prefix(recent))).hasSize(1);
  }
}
