package dev.kiln.compute.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.common.events.WorkspaceCreated;
import dev.kiln.compute.TestWorkspaces;
import dev.kiln.compute.workspace.WorkspaceEventDelivery;
import dev.kiln.testsupport.TestHttp;
import dev.kiln.testsupport.TestIdentities;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@WithDefaultLocalCompute
class DefaultLocalComputeTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ComputeTargetRepository targets;
  @Autowired WorkspaceEventDelivery events;
  @Autowired DefaultLocalCompute defaults;

  @Test
  void givesANewWorkspaceALocalCluster() {
    WorkspaceCreated created =
        WorkspaceCreated.of(
            UUID.randomUUID(), "fresh-" + UUID.randomUUID().toString().substring(0, 8), null);

    events.deliver(created);

    ComputeTarget local = targets.findByName(created.workspaceId(), "local").orElseThrow();
    assertThat(local.backend()).isEqualTo(ComputeBackend.LOCAL);
    assertThat(local.kind()).isEqualTo(ComputeKind.CLUSTER);
    assertThat(local.minNodes()).isZero();
    assertThat(local.maxNodes()).isEqualTo(1);
    assertThat(local.idleSeconds()).isEqualTo(120);
    assertThat(local.slotsPerNode())
        .isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), 256));
    assertThat(local.createdBy()).isEqualTo("system:compute-service");
    TestHttp http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    assertThat(http.get("/api/v1/workspaces/" + created.name() + "/computes/local").status())
        .isEqualTo(200);
  }

  @Test
  void givesWorkspacesKnownAtStartALocalCluster() {
    String workspace = TestWorkspaces.create(dataSource, "known");
    assertThat(TestWorkspaces.computes(dataSource, workspace)).isZero();

    defaults.atStart();

    assertThat(
            targets
                .findByName(TestWorkspaces.idOf(dataSource, workspace), "local")
                .orElseThrow()
                .maxNodes())
        .isEqualTo(1);
  }

  @Test
  void leavesALocalComputeTheWorkspaceAlreadyHasAsItIs() {
    String workspace = TestWorkspaces.create(dataSource, "own-local");
    UUID workspaceId = TestWorkspaces.idOf(dataSource, workspace);
    TestHttp http = TestHttp.onPort(port).withHeaders(TestIdentities.admin());
    assertThat(
            http.send(
                    "PUT",
                    "/api/v1/workspaces/" + workspace + "/computes/local",
                    "application/json",
                    "{\"max_instances\": 3}")
                .status())
        .isEqualTo(201);

    events.deliver(
        new WorkspaceCreated(
            UUID.randomUUID(), java.time.Instant.now(), workspaceId, workspace, null));
    defaults.atStart();

    assertThat(targets.findByName(workspaceId, "local").orElseThrow().maxNodes()).isEqualTo(3);
    assertThat(TestWorkspaces.computes(dataSource, workspace)).isEqualTo(1);
  }
}
