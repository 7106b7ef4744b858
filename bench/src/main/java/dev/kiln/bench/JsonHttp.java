package dev.kiln.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON over HTTP/1.1 to one server. One {@link HttpClient} per server keeps a pool of kept-alive
 * connections, so concurrent clients reuse theirs instead of paying a TCP handshake per request.
 */
final class JsonHttp {

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient client;
  private final URI base;
  private final String authorization;

  /** {@code bearerToken} may be null for a server without authentication. */
  JsonHttp(URI base, String bearerToken) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.base = base;
    this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
  }

  /** A response: its status and body. */
  record Reply(int status, byte[] body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** POSTs {@code json} and returns the body of a 2xx answer; anything else throws. */
  byte[] post(String path, String json) {
    return expectOk("POST", path, send(path, json));
  }

  /** GETs {@code pathAndQuery} and returns the body of a 2xx answer; anything else throws. */
  byte[] get(String pathAndQuery) {
    return expectOk("GET", pathAndQuery, send(pathAndQuery, null));
  }

  /** POSTs (or GETs, when {@code json} is null) and returns whatever the server answered. */
  Reply send(String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          (json == null ? "GET " : "POST ") + base + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static byte[] expectOk(String method, String path, Reply reply) {
    if (!reply.ok()) {
      throw new ServerError(method + " " + path, reply);
    }
    return reply.body();
  }

  /** A non-2xx answer, with the start of its body so that the report says what went wrong. */
  static final class ServerError extends RuntimeException {

    ServerError(String request, Reply reply) {
      super(request + " answered " + reply.status() + ": " + excerpt(reply.text()));
    }

    private static String excerpt(String body) {
      String flat = body.replaceAll("\\s+", " ").trim();
      return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
  }
}
