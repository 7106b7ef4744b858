package dev.kiln.gateway;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.web.PathSafety;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, before routing, a path with the tricks of {@link PathSafety}: forwarding would normalise
 * {@code //proc/self/root} or {@code a/../b} into another path, which the service could then no
 * longer tell from an honest one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PathSafetyWebFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (PathSafety.isUnsafe(exchange.getRequest().getURI().getRawPath())) {
      return Mono.error(new InvalidRequestException("invalid_path", PathSafety.REFUSAL));
    }
    return chain.filter(exchange);
  }
}
