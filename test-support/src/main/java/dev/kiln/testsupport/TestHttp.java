package dev.kiln.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for tests, talking to a real server on a real port. */
public final class TestHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final Map<String, String> headers;

  public TestHttp(URI base) {
    this(base, Map.of());
  }

  private TestHttp(URI base, Map<String, String> headers) {
    this.base = base;
    this.headers = headers;
  }

  public static TestHttp onPort(int port) {
    return new TestHttp(URI.create("http://127.0.0.1:" + port));
  }

  /** The same client, sending these headers on every request too. */
  public TestHttp withHeaders(Map<String, String> extra) {
    java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
    all.putAll(extra);
    return new TestHttp(base, Map.copyOf(all));
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Response postJson(String path, String body) {
    return send("POST", path, "application/json", body);
  }

  /** Posts JSON without a declared length (chunked), as a streaming client would. */
  public Response postJsonChunked(String path, String body) {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return sendBody(
        "POST",
        path,
        "application/json",
        HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)));
  }

  public Response send(String method, String path, String contentType, String body) {
    return sendBody(
        method,
        path,
        contentType,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
  }

  private Response sendBody(
      String method, String path, String contentType, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response with its body parsed on demand. */
  public record Response(HttpResponse<String> raw) {

    public int status() {
      return raw.statusCode();
    }

    public String body() {
      return raw.body();
    }

    public JsonNode json() {
      return JSON.readTree(raw.body());
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }
}
