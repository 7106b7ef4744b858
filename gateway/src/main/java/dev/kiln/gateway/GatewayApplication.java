package dev.kiln.gateway;

import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The gateway, a reactive application reading {@code kiln-gateway.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static final String NAME = "gateway";

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .main(GatewayApplication.class)
        .web(WebApplicationType.REACTIVE)
        .properties(
            Map.of(
                "spring.config.name", "kiln-gateway",
                "spring.application.name", NAME,
                "spring.main.web-application-type", "reactive"));
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
