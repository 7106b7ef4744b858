package dev.kiln.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * The gateway is healthy only when every service answers its own health check with UP; the details
 * name each service's state.
 */
@Component("services")
class ServicesHealthIndicator implements ReactiveHealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final ServicesProperties services;
  private final WebClient client;

  ServicesHealthIndicator(ServicesProperties services) {
    this.services = services;
    this.client = WebClient.create();
  }

  @Override
  public Mono<Health> health() {
    return Flux.fromIterable(services.services().entrySet())
        .flatMap(service -> check(service.getKey(), service.getValue().toString()))
        .collectMap(Tuple2::getT1, Tuple2::getT2)
        .map(
            states -> {
              boolean allUp = states.values().stream().allMatch("UP"::equals);
              return (allUp ? Health.up() : Health.down())
                  .withDetails(Map.<String, Object>copyOf(states))
                  .build();
            });
  }

  private Mono<Tuple2<String, String>> check(String name, String baseUrl) {
    return client
        .get()
        .uri(baseUrl + "/actuator/health")
        .retrieve()
        .bodyToMono(Map.class)
        .map(body -> String.valueOf(body.get("status")))
        .timeout(TIMEOUT)
        .onErrorResume(e -> Mono.just("UNREACHABLE"))
        .map(state -> Tuples.of(name, state));
  }
}
