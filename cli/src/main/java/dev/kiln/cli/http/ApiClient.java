package dev.kiln.cli.http;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.output.Mappers;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The platform's REST API through the gateway. Every request carries {@code Accept:
 * application/json}, a fresh {@code X-Request-Id} and, when a token is known, {@code Authorization:
 * Bearer}. Answers are JSON trees; error answers and connection failures are thrown as {@link
 * CliException}s with the matching exit code.
 *
 * <p>Files travel as streams: {@link #upload} sends a file from disk without reading it into
 * memory, {@link #download} and {@link #fetch} write the answer to disk as it arrives.
 */
public final class ApiClient {

  /**
   * The slowest upload rate an upload waits for, in bytes per second: an upload of {@code n} bytes
   * may take the request timeout plus {@code n / MIN_UPLOAD_BYTES_PER_SECOND} seconds.
   */
  static final long MIN_UPLOAD_BYTES_PER_SECOND = 64 * 1024;

  /** The most bytes of an error answer to a download that are read, to describe the error. */
  static final int MAX_ERROR_BYTES = 64 * 1024;

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

  /**
   * {@code PUT path} with {@code body} sent as written, in UTF-8, as {@code contentType} (such as
   * {@code application/yaml; charset=utf-8}), so that the server's messages point at the lines of
   * the user's own file; the answer's JSON.
   */
  public JsonNode put(String path, String body, String contentType) {
    return send("PUT", path, body, contentType);
  }

  /** {@code DELETE path}. */
  public void delete(String path) {
    send("DELETE", path, null);
  }

  /**
   * {@code PUT path} with the bytes of {@code file} as the body ({@code Content-Type:
   * application/octet-stream}), streamed from disk; the answer's JSON. The wait for the answer
   * grows with the file's size (see {@link #MIN_UPLOAD_BYTES_PER_SECOND}).
   *
   * @throws CliException (exit 2) when the file cannot be read, or the usual HTTP failures
   */
  public JsonNode upload(String path, Path file) {
    long size;
    HttpRequest.BodyPublisher body;
    try {
      size = Files.size(file);
      body = BodyPublishers.ofFile(file);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new CliException(ExitCode.USAGE, "cannot upload '" + file + "': no such file", e);
    } catch (AccessDeniedException e) {
      throw new CliException(ExitCode.USAGE, "cannot upload '" + file + "': permission denied", e);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.USAGE, "cannot upload '" + file + "': " + HttpFailures.describe(e), e);
    }
    Duration wait = timeout.plusSeconds(size / MIN_UPLOAD_BYTES_PER_SECOND);
    HttpRequest request =
        request(URI.create(baseUrl + path), wait, "application/json", true)
            .header("Content-Type", "application/octet-stream")
            .PUT(body)
            .build();
    String line = "PUT " + path;
    HttpResponse<String> response =
        exchange(request, line, BodyHandlers.ofString(StandardCharsets.UTF_8), this::unreachable);
    return answer(response, line);
  }

  /**
   * {@code GET path} of the platform, its body streamed into {@code target} (see {@link
   * Downloaded#save}).
   *
   * @return the size and SHA-256 of what was written
   */
  public Downloaded download(String path, Path target) {
    HttpRequest request = request(URI.create(baseUrl + path), timeout, "*/*", true).GET().build();
    return save(request, "GET " + path, target, this::unreachable, token == null);
  }

  /**
   * {@code GET url} of another server, its body streamed into {@code target}. The platform's token
   * is not sent.
   *
   * @return the size and SHA-256 of what was written
   */
  public Downloaded fetch(URI url, Path target) {
    HttpRequest request = request(url, timeout, "*/*", false).GET().build();
    return save(request, "GET " + url, target, e -> HttpFailures.unreachable(url, e), false);
  }

  /**
   * {@code GET path?query} asking for {@code accept} (such as {@code text/event-stream}), for an
   * answer read as it arrives: on a 2xx answer its open body, which the caller closes. Error
   * answers and connection failures are thrown as for {@link #get}. The timeout bounds the wait for
   * the answer to begin, not how long its body may take; {@code null} query values are left out.
   */
  public InputStream open(String path, Map<String, String> query, String accept) {
    String pathAndQuery = path + queryString(query);
    HttpRequest request =
        request(URI.create(baseUrl + pathAndQuery), timeout, accept, true).GET().build();
    String line = "GET " + pathAndQuery;
    HttpResponse<InputStream> response =
        exchange(request, line, BodyHandlers.ofInputStream(), this::unreachable);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    String text;
    try (InputStream body = response.body()) {
      text = new String(body.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The status alone still says what went wrong.
      text = "";
    }
    throw failure(status, text, line, token == null);
  }

  /** Encodes one path segment, such as a resource name. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String pathAndQuery, String jsonBody) {
    return send(method, pathAndQuery, jsonBody, "application/json");
  }

  private JsonNode send(String method, String pathAndQuery, String body, String contentType) {
    HttpRequest.Builder request =
        request(URI.create(baseUrl + pathAndQuery), timeout, "application/json", true);
    if (body != null) {
      request.header("Content-Type", contentType);
      request.method(method, BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      request.method(method, BodyPublishers.noBody());
    }
    String line = method + " " + pathAndQuery;
    HttpResponse<String> response =
        exchange(
            request.build(),
            line,
            BodyHandlers.ofString(StandardCharsets.UTF_8),
            this::unreachable);
    return answer(response, line);
  }

  /** A request with a fresh request id; with the token when it goes to the platform. */
  private HttpRequest.Builder request(URI uri, Duration wait, String accept, boolean platform) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(wait)
            .header("Accept", accept)
            .header("X-Request-Id", UUID.randomUUID().toString());
    if (platform && token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest request,
      String line,
      BodyHandler<T> handler,
      Function<IOException, CliException> unreachable) {
    String requestId = request.headers().firstValue("X-Request-Id").orElse("");
    log("> " + line + " (X-Request-Id: " + requestId + ")");
    HttpResponse<T> response;
    try {
      response = http.send(request, handler);
    } catch (IOException e) {
      throw unreachable.apply(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.UNEXPECTED, "interrupted while waiting for " + line, e);
    }
    log("< HTTP " + response.statusCode());
    return response;
  }

  private Downloaded save(
      HttpRequest request,
      String line,
      Path target,
      Function<IOException, CliException> unreachable,
      boolean tokenHint) {
    HttpResponse<InputStream> response =
        exchange(request, line, BodyHandlers.ofInputStream(), unreachable);
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status < 200 || status >= 300) {
        String text = new String(body.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
        throw failure(status, text, line, tokenHint);
      }
      return Downloaded.save(body, target);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.UNEXPECTED,
          line + ": writing '" + target + "' failed: " + HttpFailures.describe(e),
          e);
    }
  }

  private CliException unreachable(IOException e) {
    return HttpFailures.unreachable(baseUrl, e);
  }

  private JsonNode answer(HttpResponse<String> response, String line) {
    int status = response.statusCode();
    String body = response.body();
    if (status < 200 || status >= 300) {
      throw failure(status, body, line, token == null);
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

  /** The failure for an error answer; {@code tokenHint} adds how to set a token to a 401. */
  private static CliException failure(int status, String body, String line, boolean tokenHint) {
    CliException failure = HttpFailures.fromResponse(status, body, line);
    if (status == 401 && tokenHint) {
      return new CliException(
          failure.exitCode(), failure.getMessage() + "; " + NO_TOKEN_HINT, failure.problemCode());
    }
    return failure;
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
