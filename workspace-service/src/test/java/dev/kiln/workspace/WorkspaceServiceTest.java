package dev.kiln.workspace;

import dev.kiln.testsupport.KilnServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** workspace-service on a random port against the shared real infrastructure. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@KilnServiceTest
@SpringBootTest(
    classes = WorkspaceServiceApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=kiln-service," + WorkspaceServiceApplication.NAME,
      "spring.application.name=" + WorkspaceServiceApplication.NAME,
      // Lets a test call this very service through a service client.
      "kiln.services.workspace=http://127.0.0.1:${local.server.port}"
    })
public @interface WorkspaceServiceTest {}
