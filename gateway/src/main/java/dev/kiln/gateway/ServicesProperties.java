package dev.kiln.gateway;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The base URL of each service the gateway routes to ({@code kiln.services.workspace=...}, or
 * {@code KILN_SERVICES_WORKSPACE}). Keys: workspace, compute, run, registry, deploy, pipeline.
 */
@ConfigurationProperties("kiln")
public record ServicesProperties(Map<String, URI> services) {

  public URI of(String service) {
    URI uri = services == null ? null : services.get(service);
    if (uri == null) {
      throw new IllegalStateException("kiln.services." + service + " is not configured");
    }
    return uri;
  }
}
