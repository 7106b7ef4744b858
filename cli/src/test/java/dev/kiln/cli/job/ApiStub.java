package dev.kiln.cli.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that plays run-service's side of the wire format (ADR 0012) with scripted
 * answers and records every request. The CLI tests use it for what a closed port cannot show:
 * tables, paging, the log stream's reconnects and exit codes, the download guard. It checks no
 * rules of the server's own; {@code e2e}'s {@code JobCommandsTest} runs the same commands against
 * the real platform.
 */
public final class ApiStub implements AutoCloseable {

  /**
   * One request the stub got.
   *
   * @param method e.g. {@code GET}
   * @param path the raw (still encoded) path
   * @param query the decoded query parameters
   */
  public record Request(String method, String path, Map<String, String> query) {}

  /** How the stub answers one request. */
  @FunctionalInterface
  public interface Answer {
    void write(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Deque<Answer>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private ApiStub(HttpServer server) {
    this.server = server;
  }

  /** A stub on a free port of the loopback interface. */
  public static ApiStub start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ApiStub stub = new ApiStub(server);
      server.createContext("/", stub::handle);
      server.setExecutor(stub.threads);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL, for {@code KILN_URL}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Answers {@code method path} (the raw path, without the query) with {@code answers} in turn; the
   * last one answers every later request too.
   */
  public ApiStub on(String method, String path, Answer... answers) {
    routes.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
    return this;
  }

  /** Every request so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests so far to {@code method path}. */
  public List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** A JSON answer. */
  public static Answer json(int status, String body) {
    return exchange -> send(exchange, status, "application/json", body);
  }

  /** A JSON answer with status 200. */
  public static Answer json(String body) {
    return json(200, body);
  }

  /** An RFC 9457 problem answer. */
  public static Answer problem(int status, String code, String detail) {
    return exchange ->
        send(
            exchange,
            status,
            "application/problem+json",
            "{\"status\":%d,\"code\":\"%s\",\"detail\":\"%s\",\"retryable\":false}"
                .formatted(status, code, detail));
  }

  /** A file's bytes. */
  public static Answer bytes(String content) {
    return exchange -> send(exchange, 200, "application/octet-stream", content);
  }

  /**
   * A {@code text/event-stream} answer: {@code events}, written and flushed one by one, then the
   * end of the body.
   */
  public static Answer events(String... events) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        for (String event : events) {
          body.write(event.getBytes(StandardCharsets.UTF_8));
          body.flush();
        }
      }
    };
  }

  /** A {@code line} event as run-service sends it. */
  public static String line(long id, String stream, String text) {
    return "id:%d\nevent:line\ndata:{\"stream\":\"%s\",\"time\":\"2026-11-23T10:00:00Z\",\"line\":\"%s\"}\n\n"
        .formatted(id, stream, text);
  }

  /** The {@code end} event, naming the job's status. */
  public static String end(String status) {
    return "event:end\ndata:{\"status\":\"%s\"}\n\n".formatted(status);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    requests.add(new Request(method, path, query(exchange.getRequestURI().getRawQuery())));
    exchange.getRequestBody().readAllBytes();
    Deque<Answer> answers = routes.get(method + " " + path);
    Answer answer;
    if (answers == null) {
      answer = problem(404, "not_found", "nothing at " + method + " " + path);
    } else {
      synchronized (answers) {
        answer = answers.size() > 1 ? answers.poll() : answers.peek();
      }
    }
    try {
      answer.write(exchange);
    } finally {
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }
}
