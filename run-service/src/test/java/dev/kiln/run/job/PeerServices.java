package dev.kiln.run.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays workspace-service's and compute-service's side of the calls run-service makes when it
 * resolves a job (the paths and bodies of issue 5's contract), with fixed answers, and records
 * every request. run-service's own tests use it for its side of the exchange: what it sends, what
 * it does with each answer. It checks no rule of those services; {@code standalone}'s {@code
 * CommandJobSubmissionTest} resolves the same references against the real services.
 */
final class PeerServices implements AutoCloseable {

  /** One request received: method, decoded path, decoded {@code ref} parameter, body. */
  record Request(String method, String path, String ref, String body) {}

  static final String ENVIRONMENT =
      "{\"reference\":\"azureml:sklearn-env:3\",\"image\":\"python:3.11-slim\","
          + "\"pythonVersion\":\"3.11\",\"pipRequirements\":[\"scikit-learn==1.5.2\"],"
          + "\"environmentVariables\":{\"A\":\"1\"},\"contentHash\":\"hash-sklearn-env-3\"}";
  static final String CURATED =
      "{\"reference\":\"azureml:kiln-sklearn:1\",\"image\":\"python:3.11-slim\","
          + "\"pythonVersion\":\"3.11\",\"pipRequirements\":[\"scikit-learn\"],"
          + "\"environmentVariables\":{},\"contentHash\":\"hash-kiln-sklearn-1\"}";

  private static final Map<String, String> ENVIRONMENTS =
      Map.of("azureml:sklearn-env@latest", ENVIRONMENT, "kiln-sklearn", CURATED);
  private static final Map<String, String> DATA =
      Map.of(
          "azureml:wine@latest",
          "{\"name\":\"wine\",\"version\":\"2\",\"type\":\"uri_file\","
              + "\"path\":\"azureml://datastores/workspaceblobstore/paths/data/wine.csv\"}",
          "azureml:tables:1",
          "{\"name\":\"tables\",\"version\":\"1\",\"type\":\"mltable\","
              + "\"path\":\"azureml://datastores/workspaceblobstore/paths/data/t\"}");
  private static final List<String> COMPUTES = List.of("local", "cpu-pool");
  private static final Pattern ANONYMOUS =
      Pattern.compile(".*/environments/CliV2AnonymousEnvironment/versions/([^/]+)$");

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private PeerServices(HttpServer server) {
    this.server = server;
  }

  static PeerServices start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      PeerServices peers = new PeerServices(server);
      server.createContext("/", peers::handle);
      server.start();
      return peers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests that would have written something (registered an environment). */
  List<Request> writes() {
    return requests.stream().filter(r -> !r.method().equals("GET")).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String ref =
        query == null || !query.startsWith("ref=")
            ? null
            : URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8);
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.getRequestMethod(), path, ref, body));
    Matcher anonymous = ANONYMOUS.matcher(path);
    if (exchange.getRequestMethod().equals("PUT") && anonymous.matches()) {
      String image =
          body.contains("\"image\":\"") ? body.split("\"image\":\"")[1].split("\"")[0] : null;
      answer(
          exchange,
          201,
          "{\"reference\":\"azureml:CliV2AnonymousEnvironment:"
              + anonymous.group(1)
              + "\",\"image\":\""
              + image
              + "\",\"pythonVersion\":\"3.11\",\"pipRequirements\":[],"
              + "\"environmentVariables\":{},\"contentHash\":\"hash-inline\"}");
    } else if (path.endsWith("/environments/resolve")) {
      known(exchange, ENVIRONMENTS.get(ref), "environment_not_found", "Environment " + ref);
    } else if (path.endsWith("/data/resolve")) {
      known(exchange, DATA.get(ref), "data_not_found", "Data " + ref);
    } else if (path.contains("/computes/")) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      known(
          exchange,
          COMPUTES.contains(name) ? "{\"name\":\"" + name + "\"}" : null,
          "compute_not_found",
          "Compute " + name);
    } else {
      answer(exchange, 404, problem("not_found", "No such route " + path));
    }
  }

  private static void known(HttpExchange exchange, String found, String code, String what)
      throws IOException {
    if (found != null) {
      answer(exchange, 200, found);
    } else {
      answer(exchange, 404, problem(code, what + " not found."));
    }
  }

  private static String problem(String code, String detail) {
    return "{\"status\":404,\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}";
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
