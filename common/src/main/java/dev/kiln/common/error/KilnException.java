package dev.kiln.common.error;

import org.springframework.http.HttpStatus;

/**
 * An error the client should see as a problem: its HTTP status, a stable machine-readable code
 * ({@code workspace_not_found}), a human-readable detail and whether retrying may succeed.
 */
public class KilnException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final boolean retryable;

  public KilnException(HttpStatus status, String code, String detail, boolean retryable) {
    super(detail);
    this.status = status;
    this.code = code;
    this.retryable = retryable;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
