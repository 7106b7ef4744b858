package dev.kiln.workspace.datastore;

import dev.kiln.common.crypto.SecretCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatastoreProperties.class)
class DatastoreConfiguration {

  @Bean
  SecretCipher secretCipher(@Value("${kiln.secrets.master-key:}") String masterKey) {
    return new SecretCipher(masterKey);
  }
}
