package dev.kiln.launcher.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** Opens docker-java clients on an engine URI, the same way for the launcher and image builds. */
final class DockerClients {

  /** The engine's socket on a default Linux installation. */
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private DockerClients() {}

  /**
   * A client for {@code dockerHost} ({@code unix:///…} or {@code tcp://…}). No response timeout:
   * followed logs and image builds legitimately stay silent for minutes.
   */
  static DockerClient open(String dockerHost) {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(dockerHost == null || dockerHost.isBlank() ? DEFAULT_HOST : dockerHost)
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
