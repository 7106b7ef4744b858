package dev.kiln.common.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Kiln keeps objects: code snapshots, run outputs and artifacts, model files.
 *
 * <p><b>Keys</b> are relative, slash-separated paths such as {@code runs/42/outputs/model.onnx},
 * checked by {@link ObjectKeys} before anything is touched: a key that is absolute, climbs out with
 * {@code ..}, hides a separator or dot behind percent-encoding, or carries control characters is
 * refused with {@link InvalidObjectKeyException}, and nothing is read or written. There are no
 * folders: a prefix is a plain string prefix of keys, as in S3.
 *
 * <p><b>Promises.</b> A written object becomes visible whole or not at all: readers never see a
 * half-written object, and a failed write leaves the previous object (if any) in place. Content is
 * streamed in both directions; no implementation holds a whole object in memory. Every method
 * blocks until done. Implementations are thread-safe and keep no state about callers: the caller
 * owns the keys it writes, and the store does not know which service or run they belong to.
 *
 * <p><b>Direct transfers.</b> A store that speaks HTTP (S3) can sign URLs with which a client reads
 * or writes one object, or one part of a multipart upload, without passing the bytes through a
 * service: {@link #presignGet}, {@link #presignPut} and the multipart methods. A URL is signed
 * locally, without asking the server, and works until its time to live runs out. A store that
 * cannot sign ({@link FileSystemObjectStore}) answers empty from the presign methods and throws
 * {@link UnsupportedStoreOperationException} from the multipart ones: callers then move the bytes
 * through {@link #put} and {@link #get} themselves.
 *
 * <p><b>Failures.</b> A missing object is {@link ObjectNotFoundException} from {@link #get} and an
 * empty answer from {@link #stat}; a failure of the backing store is {@link ObjectStoreException}.
 * Never call a store inside a database transaction: write after commit, under a key that makes a
 * retry harmless.
 */
public interface ObjectStore {

  /** The longest time to live of a signed URL (the S3 limit for signature V4): seven days. */
  Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

  /** The highest part number of a multipart upload (the S3 limit). */
  int MAX_PART_NUMBER = 10_000;

  /**
   * Stores {@code content} under {@code key}, replacing any object already there. Reads {@code
   * content} to the end (or to {@code length} bytes) but does not close it: the caller does.
   *
   * @param length the number of bytes {@code content} will supply, or {@code -1} when unknown (the
   *     S3 store then uploads in 10 MiB parts); a stream that ends early is an error and stores
   *     nothing
   * @throws InvalidObjectKeyException when the key breaks the rules of {@link ObjectKeys}
   * @throws ObjectKeyConflictException when the store cannot hold this key beside existing ones
   */
  void put(String key, InputStream content, long length);

  /** Stores a small object held in memory; see {@link #put(String, InputStream, long)}. */
  default void put(String key, byte[] content) {
    put(key, new ByteArrayInputStream(content), content.length);
  }

  /**
   * Opens the object for reading. The caller must close the stream, which streams from the store.
   *
   * @throws ObjectNotFoundException when no object is stored under {@code key}
   */
  InputStream get(String key);

  /** Describes the object stored under {@code key}, or answers empty when there is none. */
  Optional<ObjectInfo> stat(String key);

  /** Whether an object is stored under {@code key}. */
  default boolean exists(String key) {
    return stat(key).isPresent();
  }

  /**
   * Every object whose key starts with {@code prefix}, at any depth, sorted by key. An empty prefix
   * lists everything. The list is read in full, so page by prefix where a store may be huge.
   *
   * @param prefix a prefix following the rules of {@link ObjectKeys#requireValidPrefix}
   */
  List<ObjectInfo> list(String prefix);

  /**
   * Deletes the object under {@code key}. Deleting a missing object is not an error.
   *
   * @return whether an object was there
   */
  boolean delete(String key);

  /**
   * Deletes every object whose key starts with {@code prefix}; an empty prefix empties the store.
   *
   * @return how many objects were deleted
   */
  int deletePrefix(String prefix);

  /**
   * A URL with which anyone holding it may read the object under {@code key} until {@code ttl} has
   * passed. The object need not exist yet: the URL answers 404 until it does.
   *
   * @param ttl how long the URL works: one second to {@link #MAX_PRESIGN_TTL}
   * @return the URL, or empty when this store cannot sign URLs
   * @throws InvalidObjectKeyException when the key breaks the rules of {@link ObjectKeys}
   */
  Optional<URI> presignGet(String key, Duration ttl);

  /**
   * A URL with which anyone holding it may write the object under {@code key} (an HTTP {@code PUT}
   * of the whole content) until {@code ttl} has passed. A single PUT takes up to 5 GiB on S3; use a
   * multipart upload beyond that.
   *
   * @param ttl how long the URL works: one second to {@link #MAX_PRESIGN_TTL}
   * @return the URL, or empty when this store cannot sign URLs
   * @throws InvalidObjectKeyException when the key breaks the rules of {@link ObjectKeys}
   */
  Optional<URI> presignPut(String key, Duration ttl);

  /**
   * Starts a multipart upload of the object under {@code key}. Nothing is visible under the key
   * until {@link #completeMultipart} succeeds; an upload never completed must be aborted (S3 keeps
   * its parts, and bills them, until then).
   *
   * @return the upload id the other multipart methods take
   * @throws UnsupportedStoreOperationException when this store has no multipart uploads
   */
  String startMultipart(String key);

  /**
   * A URL with which a client uploads part {@code partNumber} of the upload (an HTTP {@code PUT} of
   * the part's bytes); the {@code ETag} header of the response is what {@link #completeMultipart}
   * needs for the part. Every part but the last must be at least 5 MiB on S3.
   *
   * @param partNumber 1 to {@link #MAX_PART_NUMBER}
   * @param ttl how long the URL works: one second to {@link #MAX_PRESIGN_TTL}
   * @throws UnsupportedStoreOperationException when this store has no multipart uploads
   */
  URI presignPart(String key, String uploadId, int partNumber, Duration ttl);

  /**
   * Joins the uploaded parts, in the order of their numbers, into the object under {@code key},
   * which then becomes visible whole, replacing any object there.
   *
   * @param parts each uploaded part's number and ETag (quoted or not), at least one
   * @throws UploadNotFoundException when no such upload is in progress for the key
   * @throws InvalidUploadPartsException when a part was not uploaded, its ETag does not match, or a
   *     part but the last is too small
   * @throws UnsupportedStoreOperationException when this store has no multipart uploads
   */
  void completeMultipart(String key, String uploadId, List<Part> parts);

  /**
   * Abandons the upload and frees its parts; the object under {@code key}, if any, is untouched.
   *
   * @throws UploadNotFoundException when no such upload is in progress for the key (also when it
   *     was already completed or aborted)
   * @throws UnsupportedStoreOperationException when this store has no multipart uploads
   */
  void abortMultipart(String key, String uploadId);

  /**
   * One uploaded part of a multipart upload.
   *
   * @param number the part number, 1 to {@link #MAX_PART_NUMBER}
   * @param etag the ETag the store answered when the part was uploaded
   */
  record Part(int number, String etag) {

    public Part {
      if (number < 1 || number > MAX_PART_NUMBER) {
        throw new IllegalArgumentException(
            "Part numbers run from 1 to " + MAX_PART_NUMBER + ": " + number);
      }
      if (etag == null || etag.isBlank()) {
        throw new IllegalArgumentException("Part " + number + " has no ETag");
      }
    }
  }

  /**
   * Checks a time to live of a signed URL.
   *
   * @throws IllegalArgumentException unless it is at least one second (signatures count whole
   *     seconds) and at most {@link #MAX_PRESIGN_TTL}
   */
  static Duration requireValidTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
      throw new IllegalArgumentException(
          "A signed URL lives at least one second and at most seven days: " + ttl);
    }
    return ttl;
  }
}
