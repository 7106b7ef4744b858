package dev.kiln.compute.target;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The compute target settings of {@code kiln.compute.*}.
 *
 * @param defaultBackend the backend of a spec that names none (an Azure ML spec never does)
 * @param defaultLocalCompute give every workspace a {@code local} cluster (the standalone does)
 */
@ConfigurationProperties("kiln.compute")
record TargetSettings(
    @DefaultValue("local") ComputeBackend defaultBackend,
    @DefaultValue("false") boolean defaultLocalCompute) {}
