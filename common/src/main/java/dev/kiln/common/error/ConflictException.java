package dev.kiln.common.error;

import org.springframework.http.HttpStatus;

/** The request conflicts with the current state, for example a duplicate name. */
public class ConflictException extends KilnException {

  public ConflictException(String code, String detail) {
    super(HttpStatus.CONFLICT, code, detail, false);
  }
}
