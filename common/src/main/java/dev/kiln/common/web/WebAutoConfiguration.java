package dev.kiln.common.web;

import dev.kiln.common.auth.AuthAutoConfiguration;
import dev.kiln.common.auth.IdentityTokens;
import dev.kiln.common.error.ProblemDetailsHandler;
import dev.kiln.common.spec.SafeYaml;
import dev.kiln.common.spec.SpecKeyChecker;
import dev.kiln.common.spec.YamlHttpMessageConverter;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request id and document size filters, the problem handler, YAML request bodies and service
 * clients of every servlet service.
 */
@AutoConfiguration(
    after = AuthAutoConfiguration.class,
    afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
public class WebAutoConfiguration {

  @Bean
  FilterRegistrationBean<RequestIdFilter> requestIdFilter(
      @Value("${spring.application.name:kiln}") String serviceName) {
    FilterRegistrationBean<RequestIdFilter> registration =
        new FilterRegistrationBean<>(new RequestIdFilter(serviceName));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
      @Value("${kiln.web.max-document-size:1MB}") DataSize maxDocumentSize,
      Environment environment,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
    List<String> fileRoutes =
        Binder.get(environment)
            .bind("kiln.web.file-routes", Bindable.listOf(String.class))
            .orElse(List.of());
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(
            new BodySizeLimitFilter(maxDocumentSize.toBytes(), fileRoutes, problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PathSafetyFilter> pathSafetyFilter(
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
    FilterRegistrationBean<PathSafetyFilter> registration =
        new FilterRegistrationBean<>(new PathSafetyFilter(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  ProblemDetailsHandler problemDetailsHandler() {
    return new ProblemDetailsHandler();
  }

  /**
   * Takes the place of Spring's own YAML converter (after JSON, so JSON stays the default), which
   * would otherwise read YAML with a plain {@code YAMLMapper} and none of {@link SafeYaml}'s
   * limits.
   */
  /** Typos in spec bodies are refused; Azure-only keys are ignored with a warning. */
  @Bean
  JsonMapperBuilderCustomizer specKeyChecker() {
    return builder -> builder.addHandler(new SpecKeyChecker());
  }

  @Bean
  ServerHttpMessageConvertersCustomizer yamlBodies(JsonMapper json) {
    YamlHttpMessageConverter yaml = new YamlHttpMessageConverter(new SafeYaml(json));
    return converters -> converters.withYamlConverter(yaml);
  }

  @Bean
  @ConditionalOnBean(RestClient.Builder.class)
  ServiceClients serviceClients(
      RestClient.Builder builder, Environment environment, IdentityTokens identities) {
    return new ServiceClients(builder, environment, identities);
  }
}
