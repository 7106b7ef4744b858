package dev.kiln.run.snapshot;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.storage.ObjectNotFoundException;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.common.storage.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The blobs of a workspace's snapshots: objects under {@code
 * snapshots/{workspaceId}/blobs/{sha256}}, each listed in {@code snapshot_blob} once it is stored,
 * so the table says what is there.
 */
@Component
class SnapshotBlobs {

  private final ObjectStore objects;
  private final JdbcTemplate jdbc;

  SnapshotBlobs(ObjectStore objects, JdbcTemplate jdbc) {
    this.objects = objects;
    this.jdbc = jdbc;
  }

  static String key(UUID workspaceId, String sha256) {
    return "snapshots/" + workspaceId + "/blobs/" + sha256;
  }

  /** The size of each stored blob among {@code digests}; a missing blob has no entry. */
  Map<String, Long> sizes(UUID workspaceId, Collection<String> digests) {
    Map<String, Long> sizes = new HashMap<>();
    if (digests.isEmpty()) {
      return sizes;
    }
    jdbc.query(
        "select sha256, size from snapshot_blob where workspace_id = ? and sha256 = any(?)",
        rs -> {
          sizes.put(rs.getString(1), rs.getLong(2));
        },
        workspaceId,
        digests.toArray(String[]::new));
    return sizes;
  }

  /** Those of {@code digests} the workspace does not have, in their order. */
  List<String> missing(UUID workspaceId, Collection<String> digests) {
    Map<String, Long> stored = sizes(workspaceId, digests);
    return digests.stream().filter(d -> !stored.containsKey(d)).toList();
  }

  /**
   * Stores a blob whose content must hash to {@code sha256}. The content is spooled to a temporary
   * file while it is hashed and reaches the object store only when the hash matches, so a
   * mismatched upload leaves nothing behind and can never replace a good blob. A blob the workspace
   * already has is hashed and dropped.
   *
   * @return whether the blob was new
   * @throws InvalidRequestException 400 {@code digest_mismatch} or {@code incomplete_upload}
   * @throws KilnException 413 {@code blob_too_large} beyond {@code maxBytes}
   */
  boolean store(UUID workspaceId, String sha256, InputStream content, long length, long maxBytes) {
    if (length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    boolean known = !sizes(workspaceId, List.of(sha256)).isEmpty();
    Path spool = known ? null : createSpool();
    try {
      MessageDigest digest = Hashes.sha256();
      long size;
      try (OutputStream out =
          spool == null ? OutputStream.nullOutputStream() : Files.newOutputStream(spool)) {
        size = copy(content, out, digest, maxBytes);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot spool a snapshot blob", e);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(sha256)) {
        throw new InvalidRequestException(
            "digest_mismatch",
            "The content's SHA-256 is " + actual + ", not " + sha256 + "; nothing was kept.");
      }
      if (known) {
        return false;
      }
      try (InputStream in = Files.newInputStream(spool)) {
        objects.put(key(workspaceId, sha256), in, size);
      } catch (IOException e) {
        throw new ObjectStoreException("Cannot read back a spooled snapshot blob", e);
      }
      // After the object: a row always names a stored blob, and a retry after a failure here
      // stores the same bytes again.
      jdbc.update(
          "insert into snapshot_blob (workspace_id, sha256, size, created_at) values (?, ?, ?, ?)"
              + " on conflict do nothing",
          workspaceId,
          sha256,
          size,
          Timestamp.from(Instant.now()));
      return true;
    } finally {
      deleteSpool(spool);
    }
  }

  /**
   * Opens a stored blob; the caller closes it.
   *
   * @throws ObjectStoreException when the blob's object is gone (the table says it is there)
   */
  InputStream open(UUID workspaceId, String sha256) {
    try {
      return objects.get(key(workspaceId, sha256));
    } catch (ObjectNotFoundException e) {
      throw new ObjectStoreException("Snapshot blob " + sha256 + " is listed but not stored", e);
    }
  }

  /** A URL that reads the blob straight from the store, or empty when the store cannot sign. */
  Optional<URI> presignGet(UUID workspaceId, String sha256, Duration validity) {
    return objects.presignGet(key(workspaceId, sha256), validity);
  }

  /** Copies at most {@code maxBytes}, hashing; failures of the client's stream are its own. */
  private static long copy(InputStream in, OutputStream out, MessageDigest digest, long maxBytes)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        throw new InvalidRequestException(
            "incomplete_upload",
            "The upload ended after " + total + " bytes, before its end; nothing was kept.");
      }
      if (n < 0) {
        return total;
      }
      total += n;
      if (total > maxBytes) {
        throw tooLarge(maxBytes);
      }
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
  }

  private static KilnException tooLarge(long maxBytes) {
    return new KilnException(
        HttpStatus.CONTENT_TOO_LARGE,
        "blob_too_large",
        "A snapshot file may be at most " + maxBytes + " bytes, the limit of a whole snapshot.",
        false);
  }

  private static Path createSpool() {
    try {
      return Files.createTempFile("kiln-snapshot-blob-", ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a spool file for a snapshot blob", e);
    }
  }

  private static void deleteSpool(Path spool) {
    if (spool == null) {
      return;
    }
    try {
      Files.deleteIfExists(spool);
    } catch (IOException e) {
      // A spool file left in the temporary folder costs disk space only.
    }
  }
}
