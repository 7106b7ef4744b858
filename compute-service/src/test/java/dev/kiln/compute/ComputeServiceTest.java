package dev.kiln.compute;

import dev.kiln.testsupport.KilnServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * compute-service on a random port against the shared real infrastructure, with its scheduler loops
 * off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@KilnServiceTest
@SpringBootTest(
    classes = ComputeServiceApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=kiln-service," + ComputeServiceApplication.NAME,
      "spring.application.name=" + ComputeServiceApplication.NAME,
      // Scheduling is tested on the standalone (JobExecutionTest), where jobs really run.
      "kiln.compute.scheduler.enabled=false"
    })
public @interface ComputeServiceTest {}
