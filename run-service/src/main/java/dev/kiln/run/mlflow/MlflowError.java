package dev.kiln.run.mlflow;

import dev.kiln.common.error.KilnException;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * An error raised by the MLflow facade itself, with the MLflow {@code error_code} the client
 * expects; Kiln's own errors are translated by {@link MlflowErrors}.
 */
final class MlflowError extends KilnException {

  static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";
  static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
  static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";
  static final String ENDPOINT_NOT_FOUND = "ENDPOINT_NOT_FOUND";

  private final String errorCode;

  private MlflowError(HttpStatus status, String errorCode, String message) {
    super(status, errorCode.toLowerCase(Locale.ROOT), message, false);
    this.errorCode = errorCode;
  }

  String errorCode() {
    return errorCode;
  }

  static MlflowError invalid(String message) {
    return new MlflowError(HttpStatus.BAD_REQUEST, INVALID_PARAMETER_VALUE, message);
  }

  static MlflowError notFound(String message) {
    return new MlflowError(HttpStatus.NOT_FOUND, RESOURCE_DOES_NOT_EXIST, message);
  }

  /** MLflow answers an existing name with 400, not 409; clients look at the code only. */
  static MlflowError exists(String message) {
    return new MlflowError(HttpStatus.BAD_REQUEST, RESOURCE_ALREADY_EXISTS, message);
  }

  /** The answer MLflow's client takes as "upload in one piece instead": it matches this message. */
  static MlflowError multipartUnsupported() {
    return new MlflowError(
        HttpStatus.NOT_IMPLEMENTED,
        "NOT_IMPLEMENTED",
        "Multipart upload is not supported for the current artifact repository: Kiln keeps objects"
            + " where no URL reaches them; upload with PUT instead.");
  }

  static MlflowError noEndpoint(String message) {
    return new MlflowError(HttpStatus.NOT_FOUND, ENDPOINT_NOT_FOUND, message);
  }

  /** A value the client must send. */
  static <T> T require(T value, String name) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      throw invalid("Missing value for required parameter '" + name + "'.");
    }
    return value;
  }
}
