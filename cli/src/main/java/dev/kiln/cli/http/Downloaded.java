package dev.kiln.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file written from a download.
 *
 * @param file where it was written
 * @param size its size in bytes
 * @param sha256 the hex SHA-256 of its content
 */
public record Downloaded(Path file, long size, String sha256) {

  /**
   * Streams {@code body} into {@code target}: first into a temporary file next to it, which then
   * replaces {@code target} (a symbolic link there is replaced, not followed). The parent folder
   * must exist. On failure the temporary file is removed and {@code target} is left as it was.
   */
  static Downloaded save(InputStream body, Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Path part = Files.createTempFile(parent, ".kiln-", ".part");
    try {
      MessageDigest digest = newDigest();
      long size;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
        size = body.transferTo(out);
      }
      move(part, target);
      return new Downloaded(target, size, HexFormat.of().formatHex(digest.digest()));
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
