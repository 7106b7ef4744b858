package dev.kiln.common.spec;

import dev.kiln.common.error.InvalidRequestException;

/**
 * A YAML document Kiln will not read: malformed, hostile or over a limit. The message names the
 * problem and, where known, its line and column; the problem code is {@value #CODE}.
 */
public class SpecException extends InvalidRequestException {

  public static final String CODE = "invalid_yaml";

  public SpecException(String detail) {
    super(CODE, detail);
  }

  SpecException(String detail, Throwable cause) {
    this(detail);
    initCause(cause);
  }
}
