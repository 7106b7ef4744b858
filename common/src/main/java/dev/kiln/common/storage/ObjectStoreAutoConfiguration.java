package dev.kiln.common.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Provides the {@link ObjectStore} chosen by {@link ObjectStoreProperties} ({@code kiln.storage.*})
 * unless the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(ObjectStoreProperties.class)
public class ObjectStoreAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ObjectStoreAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean(ObjectStore.class)
  public ObjectStore objectStore(ObjectStoreProperties properties) {
    return switch (properties.type()) {
      case S3 -> s3(properties.s3());
      case FILESYSTEM -> filesystem(properties.filesystem());
    };
  }

  private static ObjectStore s3(ObjectStoreProperties.S3 s3) {
    log.info("Objects are kept in S3 bucket '{}' at {}", s3.bucket(), s3.endpoint());
    return new S3ObjectStore(
        s3.endpoint(),
        s3.region(),
        s3.bucket(),
        s3.accessKey(),
        s3.secretKey(),
        s3.publicEndpoint());
  }

  private static ObjectStore filesystem(ObjectStoreProperties.Filesystem filesystem) {
    if (filesystem.isDefaultRoot()) {
      log.warn(
          "Objects are kept in the temporary folder {}: set kiln.storage.filesystem.root"
              + " (KILN_STORAGE_FILESYSTEM_ROOT) to keep them safe",
          filesystem.root());
    } else {
      log.info("Objects are kept in {}", filesystem.root());
    }
    return new FileSystemObjectStore(filesystem.root());
  }
}
