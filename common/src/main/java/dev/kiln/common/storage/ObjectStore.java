package dev.kiln.common.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
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
 * <p><b>Failures.</b> A missing object is {@link ObjectNotFoundException} from {@link #get} and an
 * empty answer from {@link #stat}; a failure of the backing store is {@link ObjectStoreException}.
 * Never call a store inside a database transaction: write after commit, under a key that makes a
 * retry harmless.
 */
public interface ObjectStore {

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
}
