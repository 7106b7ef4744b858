package dev.kiln.launcher.kubernetes;

import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.LauncherContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The launcher contract on the fabric8 mock API server (CRUD mode), with {@link DockerKubelet}
 * running the pods on the real Docker engine, since the mock runs nothing itself. Pod logs are
 * served by the stand-in; everything else is the mock's CRUD API.
 */
class KubernetesLauncherContractTest extends LauncherContract {

  private static final String NAMESPACE = "kiln-contract";
  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");

  private static KubernetesMockServer server;
  private static KubernetesClient client;
  private static DockerKubelet kubelet;

  @BeforeAll
  static void startCluster() {
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    Dispatcher withPodLogs =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            Matcher log = LOG_PATH.matcher(request.getPath());
            if ("GET".equals(request.getMethod()) && log.matches()) {
              return kubelet.log(log.group(2));
            }
            return crud.dispatch(request);
          }
        };
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), withPodLogs, false);
    server.init();
    client = server.createClient();
    kubelet =
        new DockerKubelet(
            client,
            NAMESPACE,
            System.getenv().getOrDefault("KILN_DOCKER_HOST", "unix:///var/run/docker.sock"));
    kubelet.start();
  }

  @AfterAll
  static void stopCluster() {
    kubelet.close();
    client.close();
    server.destroy();
  }

  @Override
  protected Launcher newLauncher() {
    return new KubernetesLauncher(client, NAMESPACE, Duration.ofSeconds(10));
  }

  @Override
  protected String pythonImage() {
    return "python:3.11-slim";
  }

  @Override
  protected String python() {
    return "python";
  }

  @Override
  protected boolean keepsTheLogOfAStoppedWorkload() {
    return false;
  }

  @Override
  protected Duration patience() {
    return Duration.ofSeconds(30);
  }
}
