package dev.kiln.pipeline;

import dev.kiln.common.app.KilnServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * pipeline-service: pipeline jobs, sweeps, step reuse, published pipelines, pipeline endpoints and
 * schedules.
 */
@SpringBootApplication
public class PipelineServiceApplication {

  public static final String NAME = "pipeline-service";

  public static void main(String[] args) {
    KilnServiceApplication.run(PipelineServiceApplication.class, NAME, args);
  }
}
