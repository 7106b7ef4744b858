package dev.kiln.common.storage;

/**
 * A key or prefix breaks the rules of {@link ObjectKeys}. Nothing was read or written. The message
 * says which rule was broken and is safe to show to the client that sent the key.
 */
public class InvalidObjectKeyException extends IllegalArgumentException {

  public InvalidObjectKeyException(String message) {
    super(message);
  }
}
