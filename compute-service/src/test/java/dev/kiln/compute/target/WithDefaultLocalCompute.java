package dev.kiln.compute.target;

import dev.kiln.compute.ComputeServiceTest;
import dev.kiln.compute.workspace.WorkspaceEventDelivery;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * compute-service as the standalone runs it (a {@code local} compute in every workspace). Its Kafka
 * listeners do not start, so that the main test context alone consumes the shared broker's events;
 * tests hand events to the listener instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ComputeServiceTest
@Import(WorkspaceEventDelivery.class)
@TestPropertySource(
    properties = {
      "kiln.compute.default-local-compute=true",
      "spring.kafka.listener.auto-startup=false"
    })
@interface WithDefaultLocalCompute {}
