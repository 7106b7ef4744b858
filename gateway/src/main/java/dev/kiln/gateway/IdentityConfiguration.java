package dev.kiln.gateway;

import dev.kiln.common.auth.IdentityTokens;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The signer of the identities the gateway hands to services. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

  @Bean
  IdentityTokens identityTokens(@Value("${kiln.internal-secret:}") String secret, JsonMapper json) {
    return new IdentityTokens(secret, json, Clock.systemUTC());
  }
}
