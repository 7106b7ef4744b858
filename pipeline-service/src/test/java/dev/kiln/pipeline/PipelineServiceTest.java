package dev.kiln.pipeline;

import dev.kiln.testsupport.KilnServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** pipeline-service on a random port against the shared real infrastructure. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@KilnServiceTest
@SpringBootTest(
    classes = PipelineServiceApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=kiln-service," + PipelineServiceApplication.NAME,
      "spring.application.name=" + PipelineServiceApplication.NAME
    })
public @interface PipelineServiceTest {}
