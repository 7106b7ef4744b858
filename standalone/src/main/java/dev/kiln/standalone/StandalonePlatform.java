package dev.kiln.standalone;

import dev.kiln.common.app.KilnServiceApplication;
import dev.kiln.embedded.EmbeddedDatabase;
import dev.kiln.embedded.EmbeddedKafka;
import dev.kiln.embedded.EmbeddedS3;
import dev.kiln.gateway.GatewayApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in this JVM. {@link #start} brings up PostgreSQL, Kafka and S3, then the
 * services (two at a time: start-up is CPU-bound), then the gateway; {@link #close} stops them in
 * the reverse order, so no context ever runs without its infrastructure.
 */
public final class StandalonePlatform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StandalonePlatform.class);
  private static final int STARTER_THREADS = 2;

  private final StandaloneSettings settings;
  private EmbeddedDatabase database;
  private EmbeddedKafka kafka;
  private EmbeddedS3 s3;
  private final List<ConfigurableApplicationContext> services = new ArrayList<>();
  private ConfigurableApplicationContext gateway;

  private StandalonePlatform(StandaloneSettings settings) {
    this.settings = settings;
  }

  /** Starts everything, or stops what had started and throws. */
  public static StandalonePlatform start(StandaloneSettings settings) {
    StandalonePlatform platform = new StandalonePlatform(settings);
    try {
      platform.startAll();
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  public URI gatewayUrl() {
    return URI.create("http://127.0.0.1:" + settings.port());
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public StandaloneSettings settings() {
    return settings;
  }

  /** The running context of service {@code key} (as in {@code kiln.services.<key>}). */
  public ConfigurableApplicationContext service(String key) {
    for (int i = 0; i < ServiceSpec.ALL.size(); i++) {
      if (ServiceSpec.ALL.get(i).key().equals(key)) {
        return services.get(i);
      }
    }
    throw new IllegalArgumentException("No service " + key);
  }

  private void startAll() {
    requireFreePorts();
    Secrets secrets = Secrets.loadOrCreate(settings);
    database = EmbeddedDatabase.durable(settings.postgresData(), settings.postgresPort());
    kafka = EmbeddedKafka.start(settings.kafkaLog(), settings.kafkaPort());
    s3 =
        EmbeddedS3.start(
            settings.objects(),
            settings.s3Port(),
            secrets.get("s3.access-key"),
            secrets.get("s3.secret-key"));
    List<String> common = commonArguments(secrets);
    ExecutorService starters = Executors.newFixedThreadPool(STARTER_THREADS);
    try {
      List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
      for (int i = 0; i < ServiceSpec.ALL.size(); i++) {
        ServiceSpec service = ServiceSpec.ALL.get(i);
        List<String> arguments = new ArrayList<>(common);
        arguments.add("--server.port=" + settings.servicePort(i));
        // Services answer only on this machine; the gateway is the one public entry.
        arguments.add("--server.address=127.0.0.1");
        started.add(starters.submit(() -> startService(service, arguments)));
      }
      for (Future<ConfigurableApplicationContext> context : started) {
        services.add(context.get());
      }
    } catch (Exception e) {
      throw new IllegalStateException("A service did not start: " + rootMessage(e), e);
    } finally {
      starters.shutdownNow();
    }
    List<String> arguments = new ArrayList<>(serviceUrls());
    arguments.add("--kiln.internal-secret=" + secrets.get("internal-secret"));
    arguments.add("--server.port=" + settings.port());
    arguments.add("--server.address=" + settings.bindAddress());
    arguments.add("--management.metrics.use-global-registry=false");
    gateway =
        GatewayApplication.builder()
            .registerShutdownHook(false)
            .run(arguments.toArray(String[]::new));
  }

  private static ConfigurableApplicationContext startService(
      ServiceSpec service, List<String> arguments) {
    return KilnServiceApplication.builder(service.application(), service.name())
        .registerShutdownHook(false)
        .run(arguments.toArray(String[]::new));
  }

  private List<String> commonArguments(Secrets secrets) {
    List<String> arguments = new ArrayList<>(serviceUrls());
    arguments.add("--spring.datasource.url=" + database.jdbcUrl());
    arguments.add("--spring.datasource.username=" + database.username());
    arguments.add("--spring.datasource.password=" + database.password());
    arguments.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    arguments.add("--kiln.storage.type=s3");
    arguments.add("--kiln.storage.s3.endpoint=" + s3.endpoint());
    arguments.add("--kiln.storage.s3.region=us-east-1");
    arguments.add("--kiln.storage.s3.bucket=kiln");
    arguments.add("--kiln.storage.s3.access-key=" + secrets.get("s3.access-key"));
    arguments.add("--kiln.storage.s3.secret-key=" + secrets.get("s3.secret-key"));
    arguments.add("--kiln.internal-secret=" + secrets.get("internal-secret"));
    arguments.add("--kiln.identity.admin-token=" + Secrets.adminToken(settings));
    arguments.add("--kiln.secrets.master-key=" + secrets.get("master-key"));
    arguments.add("--kiln.datastores.local-roots=" + settings.home().resolve("datastores"));
    arguments.add("--management.metrics.use-global-registry=false");
    arguments.addAll(computeArguments());
    return arguments;
  }

  /**
   * Where jobs run: local processes under KILN_HOME, and Docker containers when a Docker engine
   * answers on its usual socket, all reporting to the gateway. Virtualenvs are cached under
   * KILN_HOME unless the system property {@code kiln.compute.local.environments} names another
   * folder (tests share one cache across platforms).
   */
  private static final String DOCKER_SOCKET = "/var/run/docker.sock";

  private List<String> computeArguments() {
    String environments =
        System.getProperty(
            "kiln.compute.local.environments", settings.home().resolve("environments").toString());
    return List.of(
        // Every workspace gets a `local` cluster, so that jobs run with no setup.
        "--kiln.compute.default-local-compute=true",
        "--kiln.compute.api-url=http://127.0.0.1:" + settings.port(),
        "--kiln.compute.local.root=" + settings.home().resolve("workloads"),
        "--kiln.compute.local.environments=" + environments,
        "--kiln.compute.docker.enabled=" + Files.exists(Path.of(DOCKER_SOCKET)),
        "--kiln.compute.docker.host=unix://" + DOCKER_SOCKET);
  }

  private List<String> serviceUrls() {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < ServiceSpec.ALL.size(); i++) {
      urls.add(
          "--kiln.services."
              + ServiceSpec.ALL.get(i).key()
              + "=http://127.0.0.1:"
              + settings.servicePort(i));
    }
    return urls;
  }

  /**
   * A port taken by another program would fail a context half-way, and a Kafka bind failure halts
   * the JVM outright, so every port is checked before anything starts.
   */
  private void requireFreePorts() {
    for (int port : settings.ports()) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        throw new IllegalStateException(
            "Port "
                + port
                + " is in use. Kiln takes ports "
                + settings.port()
                + " to "
                + (settings.port() + 9)
                + "; stop what holds it or set KILN_PORT to another base port.");
      }
    }
  }

  /** Stops the gateway, the services, Kafka, S3 and PostgreSQL, in that order. */
  @Override
  public synchronized void close() {
    if (gateway != null) {
      quietly("gateway", gateway::close);
      gateway = null;
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      quietly("a service", services.get(i)::close);
    }
    services.clear();
    if (kafka != null) {
      quietly("Kafka", kafka::close);
      kafka = null;
    }
    if (s3 != null) {
      quietly("S3", s3::close);
      s3 = null;
    }
    if (database != null) {
      quietly("PostgreSQL", database::close);
      database = null;
    }
  }

  private static void quietly(String what, Runnable stop) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      log.warn("Stopping {} failed: {}", what, e.toString());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.toString();
  }
}
