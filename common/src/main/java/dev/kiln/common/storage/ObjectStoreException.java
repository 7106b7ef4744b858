package dev.kiln.common.storage;

/** The backing store failed (I/O error, unreachable server, refused request). */
public class ObjectStoreException extends RuntimeException {

  public ObjectStoreException(String message) {
    super(message);
  }

  public ObjectStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
