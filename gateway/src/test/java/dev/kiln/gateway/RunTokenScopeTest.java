package dev.kiln.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;

class RunTokenScopeTest {

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/workspaces/ws/jobs/train-1",
    "PATCH, /api/v1/workspaces/ws/jobs/train-1",
    "POST, /api/v1/workspaces/ws/jobs/train-1/logs",
    "POST, /api/v1/workspaces/ws/jobs/train-1/batch",
    "PUT, /api/v1/workspaces/ws/jobs/train-1/artifacts/outputs/model.pkl",
    "POST, /api/v1/workspaces/ws/jobs/train-1/execution/heartbeat",
    "GET, /api/v1/workspaces/ws/jobs/train-1/",
    "GET, /api/v1/workspaces/ws/jobs/train%2D1",
    "GET, /api/v1/workspaces/ws/snapshots/abc/archive",
    "HEAD, /api/v1/workspaces/ws/snapshots/abc",
    "GET, /api/v1/workspaces/ws/datastores/workspaceblobstore/files",
    "GET, /api/v1/workspaces/ws/datastores/workspaceblobstore/files/a/b.csv",
    "GET, /api/v1/workspaces/ws/datastores/mys3/download-urls",
    "GET, /api/v1/workspaces/ws/snapshots/abc/download-urls",
    "POST, /mlflow/workspaces/ws/api/2.0/mlflow/runs/log-metric",
    "GET, /mlflow/workspaces/ws/api/2.0/mlflow/runs/get",
  })
  void letsARunTokenUseItsRunSnapshotsDatastoreFilesAndMlflow(String method, String path) {
    assertThat(RunTokenScope.allows(HttpMethod.valueOf(method), path, "train-1")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/workspaces",
    "POST, /api/v1/workspaces",
    "GET, /api/v1/workspaces/ws",
    "DELETE, /api/v1/workspaces/ws",
    "GET, /api/v1/workspaces/ws/members",
    "GET, /api/v1/workspaces/ws/jobs",
    "POST, /api/v1/workspaces/ws/jobs",
    "GET, /api/v1/workspaces/ws/jobs/train-2",
    "GET, /api/v1/workspaces/ws/jobs/train-1x",
    "GET, /api/v1/workspaces/ws/jobs/train",
    "POST, /api/v1/workspaces/ws/jobs/other/logs",
    "GET, /api/v1/workspaces/ws/snapshots",
    "POST, /api/v1/workspaces/ws/snapshots",
    "PUT, /api/v1/workspaces/ws/snapshots/blobs/abc",
    "GET, /api/v1/workspaces/ws/datastores",
    "GET, /api/v1/workspaces/ws/datastores/workspaceblobstore",
    "PUT, /api/v1/workspaces/ws/datastores/workspaceblobstore/files/a.csv",
    "DELETE, /api/v1/workspaces/ws/datastores/workspaceblobstore/files/a.csv",
    "POST, /api/v1/workspaces/ws/datastores/mys3/download-urls",
    "POST, /api/v1/workspaces/ws/datastores/mys3/test",
    "GET, /api/v1/workspaces/ws/computes",
    "GET, /api/v1/workspaces/ws/environments",
    "GET, /api/v1/workspaces/ws/models",
    "GET, /api/v1/tokens",
    "POST, /api/v1/tokens",
    "GET, /api/v1/users/me",
    "GET, /mlflow/workspaces/ws",
    "GET, /mlflow/workspaces",
    "GET, /endpoints/wine/score",
    "GET, /other/api/v1/workspaces/ws/jobs/train-1",
    "GET, /api/v1/workspaces/ws/jobs/train-1%zz",
    "GET, /api/v1/workspaces/ws/jobs/train-1/logs%4",
  })
  void refusesARunTokenEverythingElse(String method, String path) {
    assertThat(RunTokenScope.allows(HttpMethod.valueOf(method), path, "train-1")).isFalse();
  }
}
