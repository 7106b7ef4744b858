package dev.kiln.common.storage;

/**
 * The store cannot do what was asked by its nature, not because of a failure: the filesystem store
 * has no multipart uploads. Asking again will fail again; nothing was read or written.
 */
public class UnsupportedStoreOperationException extends ObjectStoreException {

  public UnsupportedStoreOperationException(String message) {
    super(message);
  }
}
