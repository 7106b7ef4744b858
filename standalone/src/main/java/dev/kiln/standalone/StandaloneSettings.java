package dev.kiln.standalone;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the standalone platform keeps its data and which ports it takes: the gateway on {@code
 * port}, the six services on the next six ports, then PostgreSQL, Kafka and S3.
 */
public record StandaloneSettings(Path home, int port, String bindAddress) {

  public static final int DEFAULT_PORT = 8080;

  /** Only this machine can reach the gateway unless {@code KILN_BIND_ADDRESS} says otherwise. */
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  public StandaloneSettings(Path home, int port) {
    this(home, port, DEFAULT_BIND_ADDRESS);
  }

  /**
   * From {@code KILN_HOME} (default {@code ~/.kiln}), {@code KILN_PORT} (default 8080) and {@code
   * KILN_BIND_ADDRESS} (default 127.0.0.1; {@code 0.0.0.0} opens the gateway to the network).
   */
  public static StandaloneSettings fromEnvironment(Map<String, String> environment) {
    String home = environment.get("KILN_HOME");
    String port = environment.get("KILN_PORT");
    String bind = environment.get("KILN_BIND_ADDRESS");
    return new StandaloneSettings(
        home == null || home.isBlank()
            ? Path.of(System.getProperty("user.home"), ".kiln")
            : Path.of(home),
        port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim()),
        bind == null || bind.isBlank() ? DEFAULT_BIND_ADDRESS : bind.trim());
  }

  public int servicePort(int index) {
    return port + 1 + index;
  }

  public int postgresPort() {
    return port + 7;
  }

  public int kafkaPort() {
    return port + 8;
  }

  public int s3Port() {
    return port + 9;
  }

  /** Every port the platform binds (the Kafka controller takes a free one of its own). */
  public int[] ports() {
    int[] ports = new int[10];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = port + i;
    }
    return ports;
  }

  public Path postgresData() {
    return home.resolve("postgres");
  }

  public Path kafkaLog() {
    return home.resolve("kafka");
  }

  public Path objects() {
    return home.resolve("objects");
  }

  public Path adminToken() {
    return home.resolve("admin-token");
  }

  public Path secrets() {
    return home.resolve("secrets.properties");
  }
}
