package dev.kiln.compute;

import dev.kiln.common.app.KilnServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * compute-service: compute targets, the job queue and scheduler, executions and environment builds.
 */
@SpringBootApplication
public class ComputeServiceApplication {

  public static final String NAME = "compute-service";

  public static void main(String[] args) {
    KilnServiceApplication.run(ComputeServiceApplication.class, NAME, args);
  }
}
