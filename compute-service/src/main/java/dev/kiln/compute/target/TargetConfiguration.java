package dev.kiln.compute.target;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The settings of compute targets, and stand-ins for the scheduler's figures while no scheduler
 * provides them: every target idle, no usage recorded.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TargetSettings.class)
class TargetConfiguration {

  @Bean
  @ConditionalOnMissingBean(ComputeLoad.class)
  ComputeLoad idleComputeLoad() {
    return computeId -> ComputeLoad.Load.IDLE;
  }

  @Bean
  @ConditionalOnMissingBean(ComputeUsageHistory.class)
  ComputeUsageHistory emptyUsageHistory() {
    return (computeId, since) -> List.of();
  }
}
