package dev.kiln.compute.execution;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kiln.compute.*}: how compute-service reaches its backends and how its loops behave.
 *
 * @param apiUrl the gateway as workloads reach it; the runner reports there
 * @param maxAttempts tries of a job whose infrastructure fails (its own code failing is never
 *     retried)
 * @param keepWorkloads leave ended workloads' folders, containers and Jobs in place (debugging)
 */
@ConfigurationProperties("kiln.compute")
public record ComputeSettings(
    @DefaultValue("http://127.0.0.1:8080") String apiUrl,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("false") boolean keepWorkloads,
    @DefaultValue Scheduler scheduler,
    @DefaultValue Local local,
    @DefaultValue Docker docker,
    @DefaultValue Kubernetes kubernetes) {

  /**
   * @param dispatchInterval how often queues are looked at when nothing wakes the scheduler
   * @param monitorInterval how often running workloads are looked at
   * @param retryBackoff the wait before the second attempt; doubled for each further one
   * @param heartbeat how often the runner reports
   */
  public record Scheduler(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("250ms") Duration dispatchInterval,
      @DefaultValue("500ms") Duration monitorInterval,
      @DefaultValue("2s") Duration retryBackoff,
      @DefaultValue("10s") Duration heartbeat,
      @DefaultValue("5s") Duration metrics,
      @DefaultValue("4") int preparers) {}

  /**
   * @param root where workload folders are made
   * @param python the interpreter virtualenvs are made from
   * @param environments where virtualenvs are cached, by content hash
   */
  public record Local(Path root, @DefaultValue("python3") String python, Path environments) {

    public Local {
      if (root == null) {
        root = Path.of(System.getProperty("java.io.tmpdir"), "kiln-workloads");
      }
      if (environments == null) {
        environments = Path.of(System.getProperty("user.home"), ".cache", "kiln", "environments");
      }
    }
  }

  public record Docker(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("unix:///var/run/docker.sock") String host) {}

  /**
   * @param registry where environment images with pip requirements are pushed for the cluster to
   *     pull (built on the engine of {@code docker.host}, pushed with its {@code docker login}
   *     credentials); empty: only environments without pip requirements (their image as named) run
   *     on Kubernetes
   */
  public record Kubernetes(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("default") String namespace,
      @DefaultValue("") String registry) {}
}
