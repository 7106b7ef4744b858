package dev.kiln.common.error;

import org.springframework.http.HttpStatus;

/** The addressed resource does not exist, or the caller may not know that it exists. */
public class NotFoundException extends KilnException {

  public NotFoundException(String code, String detail) {
    super(HttpStatus.NOT_FOUND, code, detail, false);
  }
}
