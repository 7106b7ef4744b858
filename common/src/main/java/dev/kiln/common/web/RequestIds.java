package dev.kiln.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id header and the rule for accepting one from a caller. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";

  /** Names the service that answered, to tell routes apart when debugging. */
  public static final String SERVICE_HEADER = "X-Kiln-Service";

  private static final Pattern ACCEPTED = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

  private RequestIds() {}

  /** The caller's id when it is safe to log and echo, otherwise a fresh one. */
  public static String acceptOrCreate(String fromCaller) {
    return fromCaller != null && ACCEPTED.matcher(fromCaller).matches()
        ? fromCaller
        : UUID.randomUUID().toString();
  }
}
