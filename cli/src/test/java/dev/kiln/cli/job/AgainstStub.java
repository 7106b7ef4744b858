package dev.kiln.cli.job;

import dev.kiln.cli.CliHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A base for command tests that run the CLI against a fresh {@link ApiStub}. */
public abstract class AgainstStub extends CliHarness.InTempHome {

  /** The jobs of workspace {@code demo}. */
  protected static final String JOBS = "/api/v1/workspaces/demo/jobs";

  protected ApiStub stub;

  @BeforeEach
  void startStub() {
    stub = ApiStub.start();
    environment =
        CliHarness.environment(
            home,
            Map.of("KILN_URL", stub.url(), "KILN_TOKEN", "test-token", "KILN_WORKSPACE", "demo"));
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }
}
