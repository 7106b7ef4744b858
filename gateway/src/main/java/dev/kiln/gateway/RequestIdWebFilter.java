package dev.kiln.gateway;

import dev.kiln.common.web.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Accepts the caller's request id or makes one, passes it to the service, returns it to the caller,
 * and logs one line per request with it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdWebFilter implements WebFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestIdWebFilter.class);

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String requestId =
        RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
    ServerHttpRequest request =
        exchange
            .getRequest()
            .mutate()
            .headers(headers -> headers.set(RequestIds.HEADER, requestId))
            .build();
    // Set just before the response goes out, replacing the copy the service sent back.
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
              return Mono.empty();
            });
    long start = System.nanoTime();
    return chain
        .filter(exchange.mutate().request(request).build())
        .doFinally(
            signal -> {
              if (!request.getPath().value().startsWith("/actuator")) {
                log.info(
                    "{} {} {} {}ms [{}]",
                    request.getMethod(),
                    request.getPath().value(),
                    exchange.getResponse().getStatusCode(),
                    (System.nanoTime() - start) / 1_000_000,
                    requestId);
              }
            });
  }
}
