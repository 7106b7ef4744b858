package dev.kiln.registry;

import dev.kiln.testsupport.KilnServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** registry-service on a random port against the shared real infrastructure. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@KilnServiceTest
@SpringBootTest(
    classes = RegistryServiceApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=kiln-service," + RegistryServiceApplication.NAME,
      "spring.application.name=" + RegistryServiceApplication.NAME
    })
public @interface RegistryServiceTest {}
