package dev.kiln.common.storage;

/**
 * The parts named to complete a multipart upload do not make an object: a part was never uploaded,
 * its ETag does not match, or a part but the last is smaller than the store allows. The upload is
 * still in progress and nothing became visible; the message is the store's reason and is safe to
 * show to the client that named the parts.
 */
public class InvalidUploadPartsException extends ObjectStoreException {

  public InvalidUploadPartsException(String message, Throwable cause) {
    super(message, cause);
  }
}
