package dev.kiln.common.storage;

/**
 * The key cannot be written because it clashes with objects already stored. Only stores with a real
 * folder hierarchy throw it: on the filesystem, {@code a} cannot be an object while {@code a/b}
 * exists, and the other way round.
 */
public class ObjectKeyConflictException extends ObjectStoreException {

  private final String key;

  public ObjectKeyConflictException(String key, String reason) {
    super("Cannot store key '" + key + "': " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
