package dev.kiln.compute.execution;

import dev.kiln.launcher.Launcher;
import dev.kiln.launcher.docker.DockerLauncher;
import dev.kiln.launcher.kubernetes.KubernetesLauncher;
import dev.kiln.launcher.local.LocalLauncher;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The launchers of the backends this replica is configured for: local processes always, Docker and
 * Kubernetes when switched on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComputeSettings.class)
class ExecutionConfiguration {

  @Bean(destroyMethod = "close")
  Launchers launchers(ComputeSettings settings) {
    List<Launcher> launchers = new ArrayList<>();
    launchers.add(new LocalLauncher(settings.local().root()));
    if (settings.docker().enabled()) {
      launchers.add(new DockerLauncher(settings.docker().host()));
    }
    if (settings.kubernetes().enabled()) {
      launchers.add(
          new KubernetesLauncher(
              new KubernetesClientBuilder().build(), settings.kubernetes().namespace()));
    }
    return new Launchers(launchers.toArray(Launcher[]::new));
  }
}
