package dev.kiln.common.app;

import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots a Kiln service. Every service reads the shared defaults {@code kiln-service.yml} and then
 * its own {@code <name>.yml} (never {@code application.yml}), so that several services can share
 * one class path in the standalone platform without reading each other's settings.
 */
public final class KilnServiceApplication {

  private KilnServiceApplication() {}

  /** A builder for service {@code name} with its configuration files and application name. */
  public static SpringApplicationBuilder builder(Class<?> application, String name) {
    return new SpringApplicationBuilder(application)
        .main(application)
        .web(WebApplicationType.SERVLET)
        .properties(
            Map.of("spring.config.name", "kiln-service," + name, "spring.application.name", name));
  }

  /** Runs service {@code name} as its own process (the distributed shape). */
  public static ConfigurableApplicationContext run(
      Class<?> application, String name, String... args) {
    return builder(application, name).run(args);
  }
}
