package dev.kiln.compute.target;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiln.common.spec.Spec;
import java.util.Map;

/**
 * A compute target as its Azure ML YAML ({@code amlCompute}, {@code computeInstance}) or JSON spec
 * describes it, plus Kiln's own keys {@code backend}, {@code slots_per_node} and {@code resources}.
 * Azure-only keys are taken off before binding (see {@link ComputeSpecReader}).
 */
@Spec
record ComputeSpec(
    @JsonProperty("$schema") String schema,
    String name,
    String type,
    String description,
    Map<String, String> tags,
    @JsonProperty("min_instances") Integer minInstances,
    @JsonProperty("max_instances") Integer maxInstances,
    @JsonProperty("idle_time_before_scale_down") Integer idleTimeBeforeScaleDown,
    String backend,
    @JsonProperty("slots_per_node") Integer slotsPerNode,
    Resources resources) {

  /** What one node offers; every key may be left out. */
  @Spec
  record Resources(Double cpus, @JsonProperty("memory_gb") Double memoryGb, Integer gpus) {}
}
