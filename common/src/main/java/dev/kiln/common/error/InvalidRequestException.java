package dev.kiln.common.error;

import org.springframework.http.HttpStatus;

/** The request is malformed or violates a rule; sending it again unchanged will fail again. */
public class InvalidRequestException extends KilnException {

  public InvalidRequestException(String code, String detail) {
    super(HttpStatus.BAD_REQUEST, code, detail, false);
  }
}
