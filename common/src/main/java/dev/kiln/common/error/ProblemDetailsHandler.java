package dev.kiln.common.error;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error of a servlet service into {@code application/problem+json} with {@code code}
 * and {@code retryable}. Client errors are logged at WARN, server errors at ERROR.
 */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

  @ExceptionHandler(KilnException.class)
  ResponseEntity<Object> handleKiln(KilnException e, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    return respond(problem, e.code(), e.retryable(), e);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Object> handleIllegalArgument(IllegalArgumentException e, WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    return respond(problem, "invalid_request", false, e);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception e, WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
    return respond(problem, "internal_error", true, e);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(
                f ->
                    Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
            .toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(errors));
    problem.setProperty("errors", errors);
    return respond(problem, "invalid_request", false, e);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        e.getAllErrors().stream()
            .map(error -> String.valueOf(error.getDefaultMessage()))
            .reduce((a, b) -> a + "; " + b)
            .orElse("Invalid request");
    return respond(
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail),
        "invalid_request",
        false,
        e);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        body instanceof ProblemDetail detail
            ? detail
            : ProblemDetail.forStatusAndDetail(status, e.getMessage());
    if (e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
      // A limit or rule hit while the body was read: a document over the size limit, bad YAML.
      Optional<KilnException> kiln = Throwables.find(e, KilnException.class);
      if (kiln.isPresent()) {
        return handleKiln(kiln.get(), request);
      }
    }
    if (e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
      problem.setDetail(
          "The request body is missing or is not valid JSON or YAML of the expected shape.");
    } else if (e instanceof NoResourceFoundException missing) {
      problem.setDetail("No Kiln API answers /" + missing.getResourcePath() + ".");
    }
    return respond(problem, ProblemCodes.codeOf(status), ProblemCodes.isRetryable(status), e);
  }

  private static String describe(List<Map<String, String>> errors) {
    return errors.stream()
        .map(error -> error.get("field") + ": " + error.get("message"))
        .reduce((a, b) -> a + "; " + b)
        .orElse("Invalid request");
  }

  private static ResponseEntity<Object> respond(
      ProblemDetail problem, String code, boolean retryable, Exception cause) {
    HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
    problem.setType(URI.create("https://kiln.dev/problems/" + code.replace('_', '-')));
    if (problem.getTitle() == null) {
      HttpStatus known = HttpStatus.resolve(problem.getStatus());
      problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
    }
    problem.setProperty("code", code);
    problem.setProperty("retryable", retryable);
    if (status.is5xxServerError()) {
      log.error("{} {}: {}", status.value(), code, cause.toString(), cause);
    } else {
      log.warn("{} {}: {}", status.value(), code, problem.getDetail());
    }
    return ResponseEntity.status(status)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
