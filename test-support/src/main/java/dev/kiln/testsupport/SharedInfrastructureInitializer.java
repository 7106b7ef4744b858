package dev.kiln.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a Spring context at the {@link SharedInfrastructure} of this JVM. */
public class SharedInfrastructureInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    SharedInfrastructure infrastructure = SharedInfrastructure.get();
    Map<String, Object> properties =
        Map.ofEntries(
            Map.entry("spring.datasource.url", infrastructure.database().jdbcUrl()),
            Map.entry("spring.datasource.username", infrastructure.database().username()),
            Map.entry("spring.datasource.password", infrastructure.database().password()),
            Map.entry("spring.kafka.bootstrap-servers", infrastructure.kafka().bootstrapServers()),
            Map.entry("kiln.storage.type", "s3"),
            Map.entry("kiln.storage.s3.endpoint", infrastructure.s3().endpoint().toString()),
            Map.entry("kiln.storage.s3.region", "us-east-1"),
            Map.entry("kiln.storage.s3.bucket", "kiln-test"),
            Map.entry("kiln.storage.s3.access-key", infrastructure.s3().accessKey()),
            Map.entry("kiln.storage.s3.secret-key", infrastructure.s3().secretKey()),
            Map.entry("kiln.internal-secret", TestIdentities.SECRET),
            Map.entry("kiln.secrets.master-key", "a2lsbi10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXMhISE="),
            Map.entry("kiln.datastores.local-roots", System.getProperty("java.io.tmpdir")),
            Map.entry("kiln.identity.admin-token", "kiln_test-admin-token"),
            Map.entry("kiln.events.resubmit-after", "2s"),
            Map.entry("kiln.events.resubmit-interval", "1s"));
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("kilnSharedInfrastructure", properties));
  }
}
