package dev.kiln.common.spec;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet service with common's auto-configuration and no database or broker, whose one route
 * echoes a validated record.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
      "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
      "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
      "org.springframework.modulith.events.jpa.JpaEventPublicationAutoConfiguration",
      "org.springframework.modulith.events.jpa.archiving.ArchivingAutoConfiguration",
      "dev.kiln.common.event.EventsAutoConfiguration",
      "dev.kiln.common.storage.ObjectStoreAutoConfiguration"
    })
class YamlEchoApplication {

  /** The shape of {@code specs/datastore.yml}. */
  record Datastore(
      @NotBlank String name,
      @NotBlank String type,
      String endpoint,
      @NotBlank String bucket,
      String region,
      Map<String, String> credentials) {}

  @RestController
  static class DatastoreEcho {

    @PostMapping("/api/v1/workspaces/{workspace}/datastores")
    Datastore create(@PathVariable String workspace, @Valid @RequestBody Datastore datastore) {
      return datastore;
    }
  }
}
