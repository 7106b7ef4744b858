package dev.kiln.workspace.identity;

import dev.kiln.common.crypto.Hashes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes token secrets ({@code kiln_} + 256 random bits; run tokens {@code kiln_run_} + 256 random
 * bits, so logs and secret scanners tell them apart) and hashes them. A secret of that much entropy
 * needs no slow password hash: SHA-256 cannot be reversed and guessing is hopeless.
 */
final class TokenSecrets {

  static final String PREFIX = "kiln_";
  static final String RUN_PREFIX = PREFIX + "run_";
  private static final int SHOWN_PREFIX_LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  static String newSecret() {
    return PREFIX + randomPart();
  }

  static String newRunSecret() {
    return RUN_PREFIX + randomPart();
  }

  private static String randomPart() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String secret) {
    return Hashes.sha256Hex(secret);
  }

  /** The start of a secret, shown in lists so a user can tell tokens apart. */
  static String shownPrefix(String secret) {
    return secret.substring(0, Math.min(SHOWN_PREFIX_LENGTH, secret.length()));
  }
}
