package dev.kiln.gateway;

import dev.kiln.common.auth.IdentityTokens;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request by its bearer token, except health, metrics, the version and the
 * scoring route (which answers to endpoint keys), and hands the service a signed identity in place
 * of the token. A run token is further confined to its run's paths ({@link RunTokenScope}). An
 * identity header sent by a client is always dropped.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class AuthenticationWebFilter implements WebFilter {

  private static final Pattern WORKSPACE_PATH =
      Pattern.compile("^/(?:api/v1|mlflow)/workspaces/([^/]+)");
  private static final String BEARER = "Bearer ";

  private final AccessResolver access;
  private final IdentityTokens identities;

  AuthenticationWebFilter(AccessResolver access, IdentityTokens identities) {
    this.access = access;
    this.identities = identities;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request =
        exchange.getRequest().mutate().headers(h -> h.remove(IdentityTokens.HEADER)).build();
    String path = request.getPath().value();
    if (isOpen(path)) {
      return chain.filter(exchange.mutate().request(request).build());
    }
    String token = bearerToken(request.getHeaders());
    if (token == null) {
      exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      return Mono.error(AccessResolver.unauthenticated());
    }
    return access
        .resolve(token, workspaceOf(path))
        .flatMap(
            caller -> {
              if (caller.holdsRunToken()
                  && !RunTokenScope.allows(request.getMethod(), path, caller.runName())) {
                return Mono.error(RunTokenScope.refusal());
              }
              return chain.filter(
                  exchange
                      .mutate()
                      .request(
                          request
                              .mutate()
                              .headers(
                                  h -> {
                                    h.remove(HttpHeaders.AUTHORIZATION);
                                    h.set(
                                        IdentityTokens.HEADER, identities.sign(caller.identity()));
                                  })
                              .build())
                      .build());
            });
  }

  private static boolean isOpen(String path) {
    return path.equals("/actuator")
        || path.startsWith("/actuator/")
        || path.equals("/api/v1/version")
        || path.startsWith("/endpoints/");
  }

  private static String bearerToken(HttpHeaders headers) {
    String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() || token.length() > 512 ? null : token;
  }

  /** The workspace a path addresses, URL-decoded, or null. */
  static String workspaceOf(String path) {
    Matcher matcher = WORKSPACE_PATH.matcher(path);
    return matcher.find()
        ? java.net.URLDecoder.decode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8)
        : null;
  }
}
