package dev.kiln.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs and verifies identities passed from the gateway to services in the {@value #HEADER} header:
 * {@code base64url(json) "." base64url(HMAC-SHA256(secret, json))}. Identities live for {@link
 * #LIFETIME}, so a stolen header is worth little and a revoked token stops working as soon as the
 * gateway stops vouching for it.
 */
public final class IdentityTokens {

  public static final String HEADER = "X-Kiln-Identity";
  public static final Duration LIFETIME = Duration.ofSeconds(60);
  private static final int MIN_SECRET_LENGTH = 16;

  private final SecretKeySpec key;
  private final JsonMapper json;
  private final Clock clock;

  public IdentityTokens(String secret, JsonMapper json, Clock clock) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException(
          "kiln.internal-secret (KILN_INTERNAL_SECRET) must be set to at least "
              + MIN_SECRET_LENGTH
              + " characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.json = json;
    this.clock = clock;
  }

  /** A signed identity for {@code identity}, expiring {@link #LIFETIME} from now. */
  public String sign(Identity identity) {
    Identity expiring =
        new Identity(
            identity.subject(),
            identity.name(),
            identity.admin(),
            identity.workspace(),
            identity.role(),
            clock.instant().plus(LIFETIME));
    String payload =
        Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(expiring));
    return payload + "." + mac(payload);
  }

  /** The identity in {@code token} when its signature holds and it has not expired. */
  public Optional<Identity> verify(String token) {
    if (token == null || token.length() > 4096) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    try {
      Identity identity = json.readValue(Base64.getUrlDecoder().decode(payload), Identity.class);
      if (identity.subject() == null
          || identity.expiresAt() == null
          || identity.expiresAt().isBefore(clock.instant())) {
        return Optional.empty();
      }
      return Optional.of(identity);
    } catch (JacksonException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private String mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
