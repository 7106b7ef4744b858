package dev.kiln.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which service owns which path. Routes are tried in order, most specific first; a path no route
 * matches gets a 404 problem from {@link ProblemErrorHandler}.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

  private static final String IN_WORKSPACE = "/api/v1/workspaces/*/";

  @Bean
  RouteLocator kilnRoutes(RouteLocatorBuilder routes, ServicesProperties services) {
    String compute = services.of("compute").toString();
    String run = services.of("run").toString();
    String registry = services.of("registry").toString();
    String deploy = services.of("deploy").toString();
    String pipeline = services.of("pipeline").toString();
    String workspace = services.of("workspace").toString();
    return routes
        .routes()
        .route("compute", r -> r.path(inWorkspace("computes")).uri(compute))
        .route(
            "execution",
            r ->
                r.path(IN_WORKSPACE + "jobs/*/execution", IN_WORKSPACE + "jobs/*/execution/**")
                    .uri(compute))
        .route("run", r -> r.path(inWorkspace("experiments", "jobs", "snapshots")).uri(run))
        .route("registry", r -> r.path(inWorkspace("models", "components")).uri(registry))
        .route(
            "deploy", r -> r.path(inWorkspace("online-endpoints", "batch-endpoints")).uri(deploy))
        .route(
            "pipeline", r -> r.path(inWorkspace("pipeline-endpoints", "schedules")).uri(pipeline))
        .route(
            "workspace",
            r ->
                r.path(
                        "/api/v1/workspaces",
                        "/api/v1/workspaces/**",
                        "/api/v1/users/**",
                        "/api/v1/tokens/**")
                    .uri(workspace))
        .route(
            "mlflow-registry",
            r ->
                r.path(
                        "/mlflow/workspaces/*/api/2.0/mlflow/registered-models/**",
                        "/mlflow/workspaces/*/api/2.0/mlflow/model-versions/**")
                    .uri(registry))
        .route("mlflow-tracking", r -> r.path("/mlflow/workspaces/*/**").uri(run))
        .route("scoring", r -> r.path("/endpoints/**").uri(deploy))
        .build();
  }

  private static String[] inWorkspace(String... collections) {
    String[] patterns = new String[collections.length];
    for (int i = 0; i < collections.length; i++) {
      patterns[i] = IN_WORKSPACE + collections[i] + "/**";
    }
    return patterns;
  }
}
