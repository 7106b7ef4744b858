package dev.kiln.cli.http;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The platform's REST API through the gateway. Every request carries {@code Accept:
 * application/json}, a fresh {@code X-Request-Id} and, when a token is known, {@code Authorization:
 * Bearer}. Answers are JSON trees; error answers and connection failures are thrown as {@link
 * CliException}s with the matching exit code.
 */
public final class ApiClient {

  private static final String NO_TOKEN_HINT =
      "no token is configured: pass --token, set KILN_TOKEN or run 'kiln config set token <token>'";

  private final String baseUrl;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;
  private final PrintWriter trace;

  /**
   * @param baseUrl the gateway URL without a trailing slash
   * @param token the bearer token, or {@code null}
   * @param timeout how long to wait for each answer
   * @param trace where to log request lines in verbose mode, or {@code null}
   */
  public ApiClient(
      String baseUrl, String token, HttpClient http, Duration timeout, PrintWriter trace) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.http = http;
    this.timeout = timeout;
    this.trace = trace;
  }

  /** The same client, waiting at most {@code newTimeout} for each answer. */
  public ApiClient withTimeout(Duration newTimeout) {
    return new ApiClient(baseUrl, token, http, newTimeout, trace);
  }

  /** {@code GET path}; the answer's JSON. */
  public JsonNode get(String path) {
    return get(path, Map.of());
  }

  /** {@code GET path?query}; {@code null} query values are left out. */
  public JsonNode get(String path, Map<String, String> query) {
    return send("GET", path + queryString(query), null);
  }

  /** {@code POST path} with a JSON body; the answer's JSON. */
  public JsonNode post(String path, Object body) {
    return send("POST", path, Mappers.JSON.writeValueAsString(body));
  }

  /** {@code POST path} without a body, for actions such as a test; the answer's JSON. */
  public JsonNode post(String path) {
    return send("POST", path, null);
  }

  /** {@code PUT path} with a JSON body; the answer's JSON. */
  public JsonNode put(String path, Object body) {
    return send("PUT", path, Mappers.JSON.writeValueAsString(body));
  }

  /** {@code DELETE path}. */
  public void delete(String path) {
    send("DELETE", path, null);
  }

  /** Encodes one path segment, such as a resource name. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String pathAndQuery, String jsonBody) {
    String requestId = UUID.randomUUID().toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("X-Request-Id", requestId);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
      request.method(method, BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    } else {
      request.method(method, BodyPublishers.noBody());
    }
    String line = method + " " + pathAndQuery;
    log("> " + line + " (X-Request-Id: " + requestId + ")");
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw HttpFailures.unreachable(baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.UNEXPECTED, "interrupted while waiting for " + line, e);
    }
    log("< HTTP " + response.statusCode());
    return answer(response, line);
  }

  private JsonNode answer(HttpResponse<String> response, String line) {
    int status = response.statusCode();
    String body = response.body();
    if (status < 200 || status >= 300) {
      CliException failure = HttpFailures.fromResponse(status, body, line);
      if (status == 401 && token == null) {
        failure = new CliException(failure.exitCode(), failure.getMessage() + "; " + NO_TOKEN_HINT);
      }
      throw failure;
    }
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Mappers.JSON.readTree(body);
    } catch (JacksonException e) {
      throw new CliException(
          ExitCode.UNEXPECTED,
          line + " answered HTTP " + status + " with a body that is not JSON",
          e);
    }
  }

  private void log(String message) {
    if (trace != null) {
      trace.println(message);
      trace.flush();
    }
  }

  private static String queryString(Map<String, String> query) {
    StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (name, value) -> {
          if (value != null) {
            joined.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return joined.toString();
  }
}
