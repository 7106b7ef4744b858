package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testsupport.TestHttp;
import dev.kiln.workspace.WorkspaceServiceTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@WorkspaceServiceTest
class EnvironmentVersionsApiTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  EnvironmentApi api;

  @BeforeEach
  void setUp() {
    api = EnvironmentApi.inNewWorkspace(port, dataSource);
  }

  private static Map<String, Object> spec(String... requirements) {
    return Map.of("image", "python:3.11-slim", "pip_requirements", List.of(requirements));
  }

  @Test
  void createsAutomaticVersionsCountingUp() {
    TestHttp.Response first = api.post("train-env", spec("numpy==2.1.3"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("version").asString()).isEqualTo("1");
    assertThat(first.json().get("curated").asBoolean()).isFalse();
    assertThat(first.json().get("contentHash").asString()).matches("[0-9a-f]{64}");
    assertThat(first.header("Location"))
        .endsWith("/workspaces/" + api.workspace + "/environments/train-env/versions/1");

    TestHttp.Response second = api.post("train-env", spec("numpy==2.1.2"));
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().get("version").asString()).isEqualTo("2");
    assertThat(api.put("train-env", "10", spec("numpy==2.0.0")).status()).isEqualTo(201);
    assertThat(api.post("train-env", spec("numpy==1.26.4")).json().get("version").asString())
        .isEqualTo("11");
  }

  @Test
  void givesConcurrentCreatesDistinctAutomaticVersions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<TestHttp.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String pin = "numpy==2.0." + i;
        calls.add(pool.submit(() -> api.post("raced", spec(pin))));
      }
      Set<String> versions = new HashSet<>();
      for (Future<TestHttp.Response> call : calls) {
        TestHttp.Response response = call.get(60, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        versions.add(response.json().get("version").asString());
      }
      assertThat(versions).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void answersAnExistingVersionOfTheSameContentAndRefusesDifferentContent() {
    TestHttp.Response created = api.put("pinned", "2024.1", spec("pandas==2.2.3", "numpy==2.1.3"));
    assertThat(created.status()).isEqualTo(201);
    int before = api.rows();

    Map<String, Object> sameContent =
        Map.of(
            "description",
            "descriptions and tags are not content",
            "tags",
            Map.of("team", "vision"),
            "image",
            "python:3.11-slim",
            "pip_requirements",
            List.of("NumPy == 2.1.3  # pinned", "", "pandas==2.2.3"));
    TestHttp.Response again = api.put("pinned", "2024.1", sameContent);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asString()).isEqualTo(created.json().get("id").asString());
    assertThat(again.json().get("description").isNull()).isTrue();

    TestHttp.Response different = api.put("pinned", "2024.1", spec("pandas==2.2.2"));
    assertThat(different.status()).isEqualTo(409);
    assertThat(different.json().get("code").asString()).isEqualTo("version_exists");
    assertThat(api.rows()).isEqualTo(before);
  }

  @Test
  void latestSkipsArchivedVersionsWhichStayReadableByVersion() {
    api.post("scorer", spec("numpy==2.1.1"));
    api.post("scorer", spec("numpy==2.1.2"));
    assertThat(api.show("scorer", "latest").json().get("version").asString()).isEqualTo("2");

    TestHttp.Response archived = api.archive("scorer", "2");
    assertThat(archived.status()).isEqualTo(200);
    assertThat(archived.json().get("archived").asBoolean()).isTrue();
    assertThat(api.show("scorer", "latest").json().get("version").asString()).isEqualTo("1");
    assertThat(api.resolve("azureml:scorer@latest").json().get("version").asString())
        .isEqualTo("1");
    assertThat(api.show("scorer", "2").json().get("archived").asBoolean()).isTrue();
    assertThat(api.versions("scorer").json().get("items").findValuesAsString("version"))
        .containsExactly("2", "1");

    api.archive("scorer", "1");
    assertThat(api.show("scorer", "latest").status()).isEqualTo(404);
    assertThat(api.list().json().get("items").findValuesAsString("name")).doesNotContain("scorer");
    assertThat(api.post("scorer", spec("numpy==2.1.3")).json().get("version").asString())
        .isEqualTo("3");
  }

  @Test
  void listsTheLatestVersionOfEachNameInPages() {
    api.post("alpha", spec("numpy==2.1.1"));
    api.post("alpha", spec("numpy==2.1.2"));
    api.post("beta", spec());
    TestHttp.Response all = api.list();
    assertThat(all.json().get("items").findValuesAsString("name"))
        .containsSubsequence("alpha", "beta", "kiln-minimal", "kiln-sklearn");
    assertThat(all.json().get("items").get(0).get("version").asString()).isEqualTo("2");

    TestHttp.Response first = api.http.get(api.base + "?limit=1");
    assertThat(first.json().get("items").findValuesAsString("name")).containsExactly("alpha");
    String next = first.json().get("next").asString();
    TestHttp.Response second = api.http.get(api.base + "?limit=1&cursor=" + next);
    assertThat(second.json().get("items").findValuesAsString("name")).containsExactly("beta");

    TestHttp.Response versions = api.http.get(api.base + "/alpha/versions?limit=1");
    assertThat(versions.json().get("items").findValuesAsString("version")).containsExactly("2");
    TestHttp.Response older =
        api.http.get(
            api.base + "/alpha/versions?limit=1&cursor=" + versions.json().get("next").asString());
    assertThat(older.json().get("items").findValuesAsString("version")).containsExactly("1");
    assertThat(older.json().get("next").isNull()).isTrue();
  }

  @Test
  void resolvesReferencesToTheWorkspacesOwnEnvironments() {
    api.post("ref-env", spec("numpy==2.1.1"));
    api.post("ref-env", spec("numpy==2.1.2"));
    assertThat(api.resolve("azureml:ref-env:1").json().get("version").asString()).isEqualTo("1");
    assertThat(api.resolve("azureml:ref-env@latest").json().get("version").asString())
        .isEqualTo("2");
    assertThat(api.resolve("ref-env").json().get("version").asString()).isEqualTo("2");
    assertThat(api.resolve("ref-env:2").json().get("reference").asString())
        .isEqualTo("azureml:ref-env:2");
    assertThat(api.resolve("azureml:ref-env:9").status()).isEqualTo(404);
    assertThat(api.resolve("azureml:nope").json().get("code").asString())
        .isEqualTo("environment_not_found");
    assertThat(api.resolve("azureml:a:b:c").status()).isEqualTo(400);
  }

  @Test
  void answers404ForAnUnknownWorkspace() {
    TestHttp.Response response =
        api.http.get("/api/v1/workspaces/no-such-workspace-x/environments");
    assertThat(response.status()).isEqualTo(404);
  }
}
