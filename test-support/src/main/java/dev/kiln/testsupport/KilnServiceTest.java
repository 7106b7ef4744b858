package dev.kiln.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test context against the real infrastructure of this test JVM. Combine it with
 * {@code @SpringBootTest(properties = {"spring.config.name=kiln-service,<service>",
 * "spring.application.name=<service>"})}, so the service reads its own configuration files.
 * Contexts with the same configuration are cached and shared across test classes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public @interface KilnServiceTest {}
