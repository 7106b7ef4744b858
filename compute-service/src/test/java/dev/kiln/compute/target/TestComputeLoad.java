package dev.kiln.compute.target;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Figures that a test sets, standing in for the scheduler's, so that tests of compute targets can
 * put jobs on a target without running any. Primary, so it wins over the scheduler's bean too.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestComputeLoad {

  private final Map<UUID, ComputeLoad.Load> loads = new ConcurrentHashMap<>();

  /** From now on, target {@code computeId} has {@code load}. */
  public void set(UUID computeId, ComputeLoad.Load load) {
    loads.put(computeId, load);
  }

  @Bean
  @Primary
  ComputeLoad testComputeLoad() {
    return computeId -> loads.getOrDefault(computeId, ComputeLoad.Load.IDLE);
  }
}
