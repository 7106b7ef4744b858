package dev.kiln.gateway;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api/v1/version}: the platform's version, answered by the gateway itself. */
@Configuration(proxyBeanMethods = false)
class VersionRouter {

  static String version() {
    String version = VersionRouter.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }

  @Bean
  RouterFunction<ServerResponse> versionRoute() {
    return RouterFunctions.route()
        .GET(
            "/api/v1/version",
            request -> ServerResponse.ok().bodyValue(Map.of("version", version())))
        .build();
  }
}
