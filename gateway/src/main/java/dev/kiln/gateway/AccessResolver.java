package dev.kiln.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.common.auth.Identity;
import dev.kiln.common.auth.IdentityTokens;
import dev.kiln.common.auth.Role;
import dev.kiln.common.crypto.Hashes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Asks workspace-service who holds a token and what role they have in the addressed workspace,
 * remembering the answer for a few seconds ({@code kiln.gateway.auth-cache-ttl}, default 5 s): long
 * enough to spare workspace-service a call per request, short enough that a revoked token stops
 * working within seconds. Failures are not remembered.
 */
@Component
class AccessResolver {

  record Resolved(
      String userId,
      String userName,
      boolean admin,
      String workspace,
      String role,
      String runName) {}

  /**
   * Who is calling: the identity to hand on, and for a run token the run it is confined to (else
   * null).
   */
  record Caller(Identity identity, String runName) {

    boolean holdsRunToken() {
      return runName != null;
    }
  }

  /** How a run token's caller is named to services, so logs and audit fields show the run. */
  static final String RUN_CALLER_PREFIX = "run:";

  private final WebClient client;
  private final IdentityTokens identities;
  private final Cache<String, Resolved> cache;
  private static final Identity GATEWAY =
      new Identity(Identity.SYSTEM_PREFIX + "gateway", "gateway", false, null, null, null);

  AccessResolver(
      ServicesProperties services,
      IdentityTokens identities,
      @Value("${kiln.gateway.auth-cache-ttl:5s}") Duration ttl) {
    this.client = WebClient.create(services.of("workspace").toString());
    this.identities = identities;
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  /** The caller a request with {@code token} on {@code workspace} (or null) comes from. */
  Mono<Caller> resolve(String token, String workspace) {
    String key = Hashes.sha256Hex(token) + "|" + (workspace == null ? "" : workspace);
    Resolved cached = cache.getIfPresent(key);
    Mono<Resolved> resolved =
        cached != null
            ? Mono.just(cached)
            : ask(token, workspace)
                .doOnNext(
                    r -> {
                      // Not being a member is not remembered: a user just added is in at once.
                      if (r.workspace() == null || r.role() != null) {
                        cache.put(key, r);
                      }
                    });
    return resolved.map(AccessResolver::callerOf);
  }

  private static Caller callerOf(Resolved r) {
    Role role = r.role() == null ? null : Role.parse(r.role());
    if (r.runName() != null) {
      // The submitter's id, so ownership checks hold; never admin, whatever workspace-service says.
      return new Caller(
          new Identity(
              r.userId(), RUN_CALLER_PREFIX + r.runName(), false, r.workspace(), role, null),
          r.runName());
    }
    return new Caller(
        new Identity(r.userId(), r.userName(), r.admin(), r.workspace(), role, null), null);
  }

  private Mono<Resolved> ask(String token, String workspace) {
    Map<String, String> body = new HashMap<>();
    body.put("token", token);
    body.put("workspace", workspace);
    return client
        .post()
        .uri("/internal/v1/access/resolve")
        .header(IdentityTokens.HEADER, identities.sign(GATEWAY))
        .bodyValue(body)
        .retrieve()
        .bodyToMono(Resolved.class)
        .onErrorMap(
            WebClientResponseException.class,
            e ->
                e.getStatusCode().value() == 401 || e.getStatusCode().value() == 400
                    ? unauthenticated()
                    : new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, null, e));
  }

  static ResponseStatusException unauthenticated() {
    return new ResponseStatusException(
        HttpStatus.UNAUTHORIZED, "The token is missing, malformed, unknown, expired or revoked.");
  }
}
