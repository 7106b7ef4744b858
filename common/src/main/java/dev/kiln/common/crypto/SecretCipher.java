package dev.kiln.common.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM under the platform's master key ({@code
 * kiln.secrets.master-key}, 32 bytes in base64). Each value gets a fresh 96-bit nonce; the
 * associated data binds a ciphertext to its owner (a datastore's id), so a ciphertext copied onto
 * another row does not decrypt. The output is {@code v1:<base64(nonce || ciphertext+tag)>}.
 */
public final class SecretCipher {

  private static final String VERSION = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretCipher(String base64MasterKey) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64MasterKey == null ? "" : base64MasterKey.trim());
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(
          "kiln.secrets.master-key (KILN_SECRETS_MASTER_KEY) must be 32 random bytes in base64");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  public String encrypt(String plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return VERSION
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encryption failed", e);
    }
  }

  /** Decrypts what {@link #encrypt} made with the same associated data; anything else throws. */
  public String decrypt(String ciphertext, String associatedData) {
    if (ciphertext == null || !ciphertext.startsWith(VERSION)) {
      throw new IllegalArgumentException("Not a Kiln ciphertext");
    }
    byte[] all = Base64.getDecoder().decode(ciphertext.substring(VERSION.length()));
    if (all.length <= NONCE_BYTES) {
      throw new IllegalArgumentException("Not a Kiln ciphertext");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    System.arraycopy(all, 0, nonce, 0, NONCE_BYTES);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, associatedData);
      return new String(
          cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("The secret does not decrypt with this key and owner", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String associatedData)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
