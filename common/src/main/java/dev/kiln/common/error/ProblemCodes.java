package dev.kiln.common.error;

import org.springframework.http.HttpStatusCode;

/** The default stable code and retryability of each HTTP status, for errors without their own. */
public final class ProblemCodes {

  private ProblemCodes() {}

  public static String codeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "invalid_request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "rate_limited";
      case 502 -> "bad_gateway";
      case 503 -> "unavailable";
      case 504 -> "gateway_timeout";
      default -> status.is4xxClientError() ? "invalid_request" : "internal_error";
    };
  }

  /** Server-side trouble and throttling may pass; a client error will not. */
  public static boolean isRetryable(HttpStatusCode status) {
    int value = status.value();
    return value == 429 || value == 502 || value == 503 || value == 504;
  }
}
