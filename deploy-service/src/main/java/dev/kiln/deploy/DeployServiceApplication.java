package dev.kiln.deploy;

import dev.kiln.common.app.KilnServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** deploy-service: online endpoints and deployments, batch endpoints, autoscaling. */
@SpringBootApplication
public class DeployServiceApplication {

  public static final String NAME = "deploy-service";

  public static void main(String[] args) {
    KilnServiceApplication.run(DeployServiceApplication.class, NAME, args);
  }
}
