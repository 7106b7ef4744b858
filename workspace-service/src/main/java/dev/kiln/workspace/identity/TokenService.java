package dev.kiln.workspace.identity;

import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.id.Ids;
import dev.kiln.workspace.identity.UserRequests.CreatedTokenResponse;
import dev.kiln.workspace.identity.UserRequests.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Makes, lists, revokes and checks personal access tokens. */
@Service
class TokenService {

  private final AccessTokenRepository tokens;
  private final Clock clock;

  TokenService(AccessTokenRepository tokens) {
    this.tokens = tokens;
    this.clock = Clock.systemUTC();
  }

  @Transactional
  public CreatedTokenResponse create(UUID userId, String name, Integer expiresInDays) {
    return create(userId, name, expiresInDays, TokenSecrets.newSecret());
  }

  /** Stores a token whose secret is given (the bootstrap admin token) or newly made. */
  @Transactional
  public CreatedTokenResponse create(
      UUID userId, String name, Integer expiresInDays, String secret) {
    Instant now = now();
    Instant expires = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
    AccessToken token =
        new AccessToken(
            Ids.newId(),
            userId,
            name == null ? "token" : name,
            TokenSecrets.shownPrefix(secret),
            TokenSecrets.hash(secret),
            now,
            expires);
    tokens.save(token);
    return new CreatedTokenResponse(
        token.id(), token.name(), secret, token.prefix(), token.createdAt(), token.expiresAt());
  }

  @Transactional(readOnly = true)
  public List<TokenResponse> list(UUID userId) {
    return tokens.findByUserIdOrderByCreatedAtDesc(userId).stream().map(TokenResponse::of).toList();
  }

  /** Revokes a token of {@code userId} (any user's, for an admin). */
  @Transactional
  public void revoke(UUID tokenId, UUID userId, boolean admin) {
    AccessToken token =
        tokens
            .findById(tokenId)
            .filter(t -> admin || t.userId().equals(userId))
            .orElseThrow(
                () -> new NotFoundException("token_not_found", "Token " + tokenId + " not found."));
    token.revoke(now());
  }

  /** The valid token whose secret is {@code secret}, marked as used now. */
  @Transactional
  public Optional<AccessToken> use(String secret) {
    if (secret == null || !secret.startsWith(TokenSecrets.PREFIX)) {
      return Optional.empty();
    }
    Instant now = now();
    Optional<AccessToken> token =
        tokens.findBySecretHash(TokenSecrets.hash(secret)).filter(t -> t.isValidAt(now));
    token.ifPresent(t -> t.usedAt(now));
    return token;
  }

  @Transactional(readOnly = true)
  public boolean exists(String secret) {
    return tokens.findBySecretHash(TokenSecrets.hash(secret)).isPresent();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
