package dev.kiln.gateway;

import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.ProblemCodes;
import dev.kiln.common.error.Throwables;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error the gateway itself raises as problem+json: no route (404), a service that
 * cannot be reached (503, retryable) or that timed out (504, retryable).
 */
@Component
@Order(-2)
class ProblemErrorHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);
  private final JsonMapper json;

  ProblemErrorHandler(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    HttpStatusCode status = statusOf(error);
    String detail = detailOf(error, status, exchange);
    if (status.is5xxServerError()) {
      log.error("{} {}: {}", status.value(), exchange.getRequest().getPath(), error.toString());
    } else {
      log.warn("{} {}: {}", status.value(), exchange.getRequest().getPath(), detail);
    }
    String code = error instanceof KilnException kiln ? kiln.code() : ProblemCodes.codeOf(status);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", URI.create("https://kiln.dev/problems/" + code.replace('_', '-')));
    HttpStatus known = HttpStatus.resolve(status.value());
    problem.put("title", known != null ? known.getReasonPhrase() : "Error");
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.put("instance", exchange.getRequest().getPath().value());
    problem.put("code", code);
    problem.put(
        "retryable",
        error instanceof KilnException kiln ? kiln.retryable() : ProblemCodes.isRetryable(status));
    byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    exchange.getResponse().setStatusCode(status);
    exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return exchange
        .getResponse()
        .writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
  }

  private static HttpStatusCode statusOf(Throwable error) {
    if (error instanceof KilnException e) {
      return e.status();
    }
    if (error instanceof ResponseStatusException e) {
      return e.getStatusCode();
    }
    if (Throwables.find(error, ConnectException.class).isPresent()) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    if (Throwables.find(error, TimeoutException.class).isPresent()) {
      return HttpStatus.GATEWAY_TIMEOUT;
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  private static String detailOf(
      Throwable error, HttpStatusCode status, ServerWebExchange exchange) {
    return switch (status.value()) {
      case 404 -> "No Kiln API answers " + exchange.getRequest().getPath().value() + ".";
      case 503 -> "The service behind this route is not reachable; try again shortly.";
      case 504 -> "The service behind this route did not answer in time.";
      default ->
          error instanceof KilnException e
              ? e.getMessage()
              : error instanceof ResponseStatusException e && e.getReason() != null
                  ? e.getReason()
                  : status.is5xxServerError()
                      ? "The gateway failed to handle the request."
                      : status.toString();
    };
  }
}
