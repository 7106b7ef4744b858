package dev.kiln.run.mlflow;

import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.Throwables;
import dev.kiln.common.storage.InvalidObjectKeyException;
import dev.kiln.common.storage.ObjectNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Answers every error of the MLflow routes as MLflow does, {@code {"error_code", "message"}},
 * instead of problem+json: the client branches on {@code error_code} (a missing experiment makes
 * {@code get_experiment_by_name} return {@code None}). Ordered before the common problem handler
 * and limited to this package, it also sees what the workspace access check throws before a handler
 * here runs. Kiln's errors keep their status, except where MLflow's differs: a name that exists is
 * 400 {@code RESOURCE_ALREADY_EXISTS}, a param logged again with another value 400 {@code
 * INVALID_PARAMETER_VALUE}.
 */
@RestControllerAdvice(basePackageClasses = MlflowErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MlflowErrors {

  private static final Logger log = LoggerFactory.getLogger(MlflowErrors.class);

  /** MLflow's error body. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Body(String errorCode, String message) {}

  @ExceptionHandler(Exception.class)
  ResponseEntity<Body> handle(Exception e) {
    return respond(e);
  }

  /** The MLflow answer to {@code e}, logged: client errors at WARN, server errors at ERROR. */
  static ResponseEntity<Body> respond(Exception e) {
    ResponseEntity<Body> response = translate(e);
    Body body = response.getBody();
    if (response.getStatusCode().is5xxServerError()) {
      log.error("{} {}: {}", response.getStatusCode().value(), body.errorCode(), e.toString(), e);
    } else {
      log.warn("{} {}: {}", response.getStatusCode().value(), body.errorCode(), body.message());
    }
    return response;
  }

  static ResponseEntity<Body> translate(Exception e) {
    if (e instanceof MlflowError mlflow) {
      return body(mlflow.status(), mlflow.errorCode(), mlflow.getMessage());
    }
    KilnException kiln =
        e instanceof KilnException k ? k : Throwables.find(e, KilnException.class).orElse(null);
    if (kiln != null) {
      return fromKiln(kiln);
    }
    if (e instanceof InvalidObjectKeyException) {
      return body(HttpStatus.BAD_REQUEST, MlflowError.INVALID_PARAMETER_VALUE, e.getMessage());
    }
    if (e instanceof ObjectNotFoundException) {
      return body(HttpStatus.NOT_FOUND, MlflowError.RESOURCE_DOES_NOT_EXIST, "No such artifact.");
    }
    if (e instanceof NoResourceFoundException missing) {
      return body(
          HttpStatus.NOT_FOUND,
          MlflowError.ENDPOINT_NOT_FOUND,
          "No MLflow API answers /" + missing.getResourcePath() + ".");
    }
    if (e instanceof TypeMismatchException mismatch) {
      return body(
          HttpStatus.BAD_REQUEST,
          MlflowError.INVALID_PARAMETER_VALUE,
          "Invalid value '"
              + mismatch.getValue()
              + "' for parameter '"
              + mismatch.getPropertyName()
              + "'.");
    }
    if (e instanceof HttpMessageNotReadableException) {
      return body(
          HttpStatus.BAD_REQUEST,
          MlflowError.INVALID_PARAMETER_VALUE,
          "The request body is missing or is not JSON of the expected shape.");
    }
    if (e instanceof ErrorResponse framework) {
      HttpStatusCode status = framework.getStatusCode();
      String detail = framework.getBody().getDetail();
      return body(status, codeOf(status), detail == null ? e.getMessage() : detail);
    }
    if (e instanceof IllegalArgumentException) {
      return body(HttpStatus.BAD_REQUEST, MlflowError.INVALID_PARAMETER_VALUE, e.getMessage());
    }
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "INTERNAL_ERROR",
        "An unexpected error occurred; it has been logged.");
  }

  private static ResponseEntity<Body> fromKiln(KilnException e) {
    if (e.status() == HttpStatus.CONFLICT) {
      if ("param_exists".equals(e.code())) {
        return body(HttpStatus.BAD_REQUEST, MlflowError.INVALID_PARAMETER_VALUE, e.getMessage());
      }
      if (e.code().endsWith("_exists")) {
        return body(HttpStatus.BAD_REQUEST, MlflowError.RESOURCE_ALREADY_EXISTS, e.getMessage());
      }
    }
    return body(e.status(), codeOf(e.status()), e.getMessage());
  }

  /** MLflow's error code for an HTTP status, as its client maps them back. */
  static String codeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400, 413 -> MlflowError.INVALID_PARAMETER_VALUE;
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> MlflowError.RESOURCE_DOES_NOT_EXIST;
      case 409 -> "RESOURCE_CONFLICT";
      case 429 -> "REQUEST_LIMIT_EXCEEDED";
      case 501 -> "NOT_IMPLEMENTED";
      case 503 -> "TEMPORARILY_UNAVAILABLE";
      default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
    };
  }

  private static ResponseEntity<Body> body(HttpStatusCode status, String code, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new Body(code, message));
  }
}
