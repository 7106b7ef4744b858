package dev.kiln.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), running in this
 * JVM. Its log lives in a directory that is formatted once; stopping and starting again on the same
 * directory and port keeps every topic and offset.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final Path logDirectory;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafka(Path logDirectory, int port, int controllerPort) {
    this.logDirectory = logDirectory;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Starts a broker whose log is kept in {@code logDirectory}, listening on {@code port} (0 picks a
   * free one) with its controller on another free port.
   */
  public static EmbeddedKafka start(Path logDirectory, int port) {
    EmbeddedKafka kafka =
        new EmbeddedKafka(logDirectory, port == 0 ? freePort() : port, freePort());
    kafka.start();
    return kafka;
  }

  /** Starts the broker again after {@link #stop()}, on the same port and log. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      Files.createDirectories(logDirectory);
      Path propertiesFile = logDirectory.resolve("kiln-broker.properties");
      Properties properties = properties();
      try (Writer writer = Files.newBufferedWriter(propertiesFile)) {
        properties.store(writer, "Kiln embedded Kafka broker");
      }
      if (!Files.exists(logDirectory.resolve("meta.properties"))) {
        StorageTool.execute(
            new String[] {
              "format", "-t", Uuid.randomUuid().toString(), "-c", propertiesFile.toString()
            },
            System.out);
      }
      server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
      server.startup();
    } catch (IOException e) {
      throw new UncheckedIOException("Kafka did not start in " + logDirectory, e);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not start in " + logDirectory, e);
    }
  }

  /** Stops the broker, keeping its log. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public boolean isRunning() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDirectory.toAbsolutePath().toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    p.setProperty("log.flush.interval.messages", "1");
    return p;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
