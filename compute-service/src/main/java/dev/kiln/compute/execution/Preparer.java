package dev.kiln.compute.execution;

import dev.kiln.common.web.ServiceClients;
import dev.kiln.launcher.EnvironmentBuildException;
import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.WorkloadLayout;
import dev.kiln.launcher.WorkloadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets a dispatched execution running: materialises its environment, asks for its run token, and
 * launches one workload per instance. Preparation is claimed with a lease in the execution's row,
 * so after a crash another replica (or this one, restarted) takes it over; launching is idempotent
 * per workload id, so doing it twice starts nothing twice.
 */
@Component
class Preparer implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Preparer.class);

  /** Long enough for a large environment build; renewed by nobody, taken over after a crash. */
  private static final Duration LEASE = Duration.ofMinutes(30);

  private static final int LOG_BATCH = 50;

  private final ExecutionStore store;
  private final JdbcTemplate jdbc;
  private final Launchers launchers;
  private final Environments environments;
  private final Outcomes outcomes;
  private final RunStatuses runs;
  private final Supplier<TokenClient> tokens;
  private final ComputeSettings settings;
  private final JsonMapper json;
  private final ExecutorService pool;
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

  Preparer(
      ExecutionStore store,
      JdbcTemplate jdbc,
      Launchers launchers,
      Environments environments,
      Outcomes outcomes,
      RunStatuses runs,
      ServiceClients clients,
      ComputeSettings settings,
      JsonMapper json) {
    this.store = store;
    this.jdbc = jdbc;
    this.launchers = launchers;
    this.environments = environments;
    this.outcomes = outcomes;
    this.runs = runs;
    this.tokens = SingletonSupplier.of(() -> clients.create("workspace", TokenClient.class));
    this.settings = settings;
    this.json = json;
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, settings.scheduler().preparers()),
            r -> {
              Thread thread = new Thread(r, "kiln-preparer");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Prepares the execution in the background, unless this replica is already at it. */
  void prepare(UUID runId) {
    if (inFlight.add(runId)) {
      pool.execute(
          () -> {
            try {
              prepareNow(runId);
            } finally {
              inFlight.remove(runId);
            }
          });
    }
  }

  private void prepareNow(UUID runId) {
    if (!store.claimPreparation(runId, LEASE.toSeconds())) {
      return;
    }
    Execution e = store.find(runId).orElse(null);
    if (e == null) {
      return;
    }
    try {
      if (e.cancelRequested()) {
        outcomes.finish(runId, e.attempt(), new Outcomes.Result.Canceled(null, null));
        return;
      }
      Target target =
          Target.find(jdbc, e.computeId())
              .orElseThrow(() -> new IllegalStateException("its compute target was deleted"));
      Attempt attempt = store.attempt(runId, e.attempt());
      Launcher launcher = launchers.of(attempt.backend());
      runs.move(e, "Preparing");
      runs.log(
          e,
          List.of(
              "Attempt "
                  + e.attempt()
                  + " on compute '"
                  + target.name()
                  + "' ("
                  + attempt.backend()
                  + "): preparing environment "
                  + e.job().environment().reference()));
      List<String> buildLog = new ArrayList<>();
      Environments.Materialized environment =
          environments.materialize(
              attempt.backend(),
              e.job().environment(),
              line -> {
                buildLog.add(line);
                if (buildLog.size() >= LOG_BATCH) {
                  runs.log(e, List.copyOf(buildLog));
                  buildLog.clear();
                }
              });
      runs.log(e, buildLog);
      if (store.find(runId).map(Execution::cancelRequested).orElse(true)) {
        // canceled while its environment was being built: nothing to launch
        outcomes.finish(runId, e.attempt(), new Outcomes.Result.Canceled(null, null));
        return;
      }
      String token =
          tokens
              .get()
              .issue(
                  new TokenClient.Request(
                      e.workspace(), e.runId(), e.runName(), e.submitterId(), tokenTtl(e)))
              .token();
      List<WorkloadLayout> layouts = attempt.workloads().stream().map(launcher::layout).toList();
      List<WorkloadSpec> specs =
          Plans.specs(
              e,
              target,
              attempt.workloads(),
              layouts,
              environment,
              settings.apiUrl(),
              token,
              freePort(),
              settings.scheduler(),
              json);
      specs.forEach(launcher::launch);
      store.markLaunched(runId, e.job().timeoutSeconds());
    } catch (EnvironmentBuildException failed) {
      runs.log(e, failed.output());
      outcomes.finish(
          runId,
          e.attempt(),
          new Outcomes.Result.Failed(
              null,
              "environment_build_failed",
              "The environment "
                  + e.job().environment().reference()
                  + " could not be built: "
                  + failed.getMessage()));
    } catch (RuntimeException failed) {
      log.warn("Preparing run {} failed", e.runName(), failed);
      outcomes.finish(runId, e.attempt(), new Outcomes.Result.Infrastructure(describe(failed)));
    }
  }

  /** The token lives as long as the job may, plus a day; it is revoked when the job ends. */
  private static long tokenTtl(Execution e) {
    long timeout = e.job().timeoutSeconds() == null ? 6 * 86_400L : e.job().timeoutSeconds();
    return Math.min(30 * 86_400L - 1, timeout + 86_400L);
  }

  private static String describe(RuntimeException failed) {
    String message = failed.getMessage();
    return message == null ? failed.getClass().getSimpleName() : message;
  }

  /** A port for rank 0 of a distributed job; free now, and very likely still when it starts. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
