package dev.kiln.registry;

import dev.kiln.common.app.KilnServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** registry-service: models and their versions, components, and the MLflow model-registry API. */
@SpringBootApplication
public class RegistryServiceApplication {

  public static final String NAME = "registry-service";

  public static void main(String[] args) {
    KilnServiceApplication.run(RegistryServiceApplication.class, NAME, args);
  }
}
