package dev.kiln.common.storage;

/**
 * No multipart upload with this id is in progress for the key: it never existed, belongs to another
 * key, or was already completed or aborted.
 */
public class UploadNotFoundException extends ObjectStoreException {

  private final String key;
  private final String uploadId;

  public UploadNotFoundException(String key, String uploadId) {
    super("No multipart upload '" + uploadId + "' is in progress for key '" + key + "'");
    this.key = key;
    this.uploadId = uploadId;
  }

  public String key() {
    return key;
  }

  public String uploadId() {
    return uploadId;
  }
}
