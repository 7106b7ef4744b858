package dev.kiln.common.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about one object.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param lastModified when it was last written
 * @param etag an opaque tag that changes whenever the object is rewritten: the S3 ETag (without
 *     quotes) on S3, a tag derived from size, modification time and file identity on the
 *     filesystem; compare it for equality only, never parse it
 */
public record ObjectInfo(String key, long size, Instant lastModified, String etag) {

  public ObjectInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(etag, "etag");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
