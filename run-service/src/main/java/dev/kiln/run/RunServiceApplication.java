package dev.kiln.run;

import dev.kiln.common.app.KilnServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * run-service: experiments, runs, metrics, logs, snapshots and artifacts, and the MLflow tracking
 * API.
 */
@SpringBootApplication
public class RunServiceApplication {

  public static final String NAME = "run-service";

  public static void main(String[] args) {
    KilnServiceApplication.run(RunServiceApplication.class, NAME, args);
  }
}
