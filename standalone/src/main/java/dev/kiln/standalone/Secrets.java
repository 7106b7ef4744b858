package dev.kiln.standalone;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets the standalone platform makes on its first start and keeps in files readable by the owner
 * only: the admin token, the embedded S3 keys and the internal signing secret.
 */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Properties values;

  private Secrets(Properties values) {
    this.values = values;
  }

  /** Loads the secrets file, adding any secret it lacks, and writes the admin token if missing. */
  static Secrets loadOrCreate(StandaloneSettings settings) {
    try {
      Properties values = new Properties();
      Path file = settings.secrets();
      if (Files.exists(file)) {
        try (Reader reader = Files.newBufferedReader(file)) {
          values.load(reader);
        }
      }
      boolean changed = false;
      changed |= putIfAbsent(values, "s3.access-key", "kiln" + random(12));
      changed |= putIfAbsent(values, "s3.secret-key", random(32));
      changed |= putIfAbsent(values, "internal-secret", random(32));
      changed |= putIfAbsent(values, "master-key", randomKey());
      if (changed) {
        writePrivately(file, values);
      }
      if (!Files.exists(settings.adminToken())) {
        writePrivately(settings.adminToken(), "kiln_" + random(32) + "\n");
      }
      return new Secrets(values);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep secrets in " + settings.home(), e);
    }
  }

  String get(String key) {
    return values.getProperty(key);
  }

  /** The administrator's token, as written on the first start. */
  static String adminToken(StandaloneSettings settings) {
    try {
      return Files.readString(settings.adminToken()).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + settings.adminToken(), e);
    }
  }

  private static boolean putIfAbsent(Properties values, String key, String value) {
    return values.putIfAbsent(key, value) == null;
  }

  /** 32 random bytes in standard base64, the form of an AES-256 master key. */
  private static String randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  private static void writePrivately(Path file, Object content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), ".secret", ".tmp");
    PrivateFiles.restrictToOwner(temporary);
    try (Writer writer = Files.newBufferedWriter(temporary)) {
      if (content instanceof Properties properties) {
        properties.store(writer, "Kiln standalone secrets: keep private");
      } else {
        writer.write(content.toString());
      }
    }
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
