package dev.kiln.common.auth;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Identity verification and the workspace access rule for every servlet service. */
@AutoConfiguration(
    afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
public class AuthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  IdentityTokens identityTokens(@Value("${kiln.internal-secret:}") String secret, JsonMapper json) {
    return new IdentityTokens(secret, json, Clock.systemUTC());
  }

  @Bean
  FilterRegistrationBean<IdentityFilter> identityFilter(
      IdentityTokens tokens,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
    FilterRegistrationBean<IdentityFilter> registration =
        new FilterRegistrationBean<>(new IdentityFilter(tokens, problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  @Bean
  WebMvcConfigurer workspaceAccess() {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new WorkspaceAccessInterceptor());
      }
    };
  }
}
