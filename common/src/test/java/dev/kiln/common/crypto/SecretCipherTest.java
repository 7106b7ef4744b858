package dev.kiln.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  final SecretCipher cipher = new SecretCipher(newKey());

  @Test
  void roundTripsASecretWithoutRevealingIt() {
    String sealed = cipher.encrypt("wJalrXUtnFEMI/K7MDENG", "datastore-1");
    assertThat(sealed).startsWith("v1:").doesNotContain("wJalrXUtnFEMI");
    assertThat(cipher.decrypt(sealed, "datastore-1")).isEqualTo("wJalrXUtnFEMI/K7MDENG");
  }

  @Test
  void usesAFreshNonceEachTime() {
    assertThat(cipher.encrypt("same", "a")).isNotEqualTo(cipher.encrypt("same", "a"));
  }

  @Test
  void refusesACiphertextMovedToAnotherOwner() {
    String sealed = cipher.encrypt("secret", "datastore-1");
    assertThatThrownBy(() -> cipher.decrypt(sealed, "datastore-2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesATamperedCiphertextOrAnotherKey() {
    String sealed = cipher.encrypt("secret", "owner");
    byte[] bytes = java.util.Base64.getDecoder().decode(sealed.substring(3));
    bytes[bytes.length / 2] ^= 1;
    String tampered = "v1:" + java.util.Base64.getEncoder().encodeToString(bytes);
    assertThatThrownBy(() -> cipher.decrypt(tampered, "owner"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretCipher(newKey()).decrypt(sealed, "owner"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void needsA256BitMasterKey() {
    assertThatThrownBy(() -> new SecretCipher("c2hvcnQ="))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("32 random bytes");
    assertThatThrownBy(() -> new SecretCipher(null)).isInstanceOf(IllegalStateException.class);
  }
}
