package dev.kiln.common.storage;

/** No object is stored under the requested key. */
public class ObjectNotFoundException extends ObjectStoreException {

  private final String key;

  public ObjectNotFoundException(String key) {
    super("No object is stored under key '" + key + "'");
    this.key = key;
  }

  public String key() {
    return key;
  }
}
