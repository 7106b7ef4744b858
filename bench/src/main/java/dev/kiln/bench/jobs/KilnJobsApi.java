package dev.kiln.bench.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of Kiln's REST API the job benchmark uses, through the gateway with the admin token:
 * workspaces, compute targets and their usage, job submission, a job's status and its execution.
 * Thread-safe; an unexpected answer throws {@link Failure} with the start of its body.
 */
final class KilnJobsApi {

  /** The statuses after which a job does nothing more. */
  static final List<String> TERMINAL = List.of("Completed", "Failed", "Canceled");

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(1);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client;
  private final URI base;
  private final String authorization;

  KilnJobsApi(URI gateway, String adminToken) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.base = gateway;
    this.authorization = "Bearer " + adminToken;
  }

  /** An answer: its status and body. */
  record Reply(int status, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      return JSON.readTree(body);
    }

    /** The problem+json {@code code}, or "" when the body has none. */
    String code() {
      try {
        return json().path("code").asString("");
      } catch (RuntimeException e) {
        return "";
      }
    }
  }

  /** A command job in the curated minimal environment on {@code compute}, at {@code priority}. */
  record JobRequest(String command, String compute, int priority) {

    String json(String experiment) {
      return JSON.writeValueAsString(
          Map.of(
              "command", command,
              "environment", "azureml:kiln-minimal@latest",
              "compute", "azureml:" + compute,
              "experiment_name", experiment,
              "priority", priority));
    }
  }

  /** Creates workspace {@code name}; one left by an earlier run against this server is reused. */
  void createWorkspace(String name) {
    Reply reply = send("POST", "/api/v1/workspaces", JSON.writeValueAsString(Map.of("name", name)));
    if (!reply.ok() && reply.status() != 409) {
      throw new Failure("POST /api/v1/workspaces", reply);
    }
  }

  /**
   * Creates or replaces compute {@code name}. compute-service learns of a new workspace through an
   * event, so a 404 right after the workspace was made is retried for up to {@code patience}.
   */
  void putCompute(String workspace, String name, Map<String, Object> spec, Duration patience) {
    String path = computes(workspace) + "/" + encode(name);
    String body = JSON.writeValueAsString(spec);
    Reply reply = retrying(() -> send("PUT", path, body), r -> r.status() == 404, patience);
    if (!reply.ok()) {
      throw new Failure("PUT " + path, reply);
    }
  }

  /**
   * Submits a command job and returns its name. A 400 {@code compute_not_found} (the workspace's
   * {@code local} cluster is made when compute-service learns of the workspace) is retried for up
   * to {@code patience}; use {@link Duration#ZERO} for a timed submission.
   */
  String submit(String workspace, JobRequest job, Duration patience) {
    String path = jobs(workspace);
    String body = job.json("bench");
    Reply reply =
        retrying(
            () -> send("POST", path, body),
            r -> r.status() == 400 && "compute_not_found".equals(r.code()),
            patience);
    if (reply.status() != 201) {
      throw new Failure("POST " + path, reply);
    }
    return reply.json().path("name").asString();
  }

  /** The job as run-service shows it. */
  JsonNode job(String workspace, String name) {
    return get(jobs(workspace) + "/" + encode(name));
  }

  /** The job's status: Queued, Preparing, Running, Finalizing, Completed, Failed or Canceled. */
  String status(String workspace, String name) {
    return job(workspace, name).path("status").asString();
  }

  /** How the job executed: queue state, priority, queuedAt and every attempt. */
  JsonNode execution(String workspace, String name) {
    return get(jobs(workspace) + "/" + encode(name) + "/execution");
  }

  /** The compute target with its live figures: nodes, busySlots, queued, running. */
  JsonNode compute(String workspace, String name) {
    return get(computes(workspace) + "/" + encode(name));
  }

  /** The target's usage samples since {@code since}: {@code samples[]{time, nodes, busySlots}}. */
  JsonNode usage(String workspace, String name, Instant since) {
    return get(
        computes(workspace) + "/" + encode(name) + "/usage?since=" + encode(since.toString()));
  }

  /** Polls the job every {@code every} until it ends or {@code limit} passes; its last status. */
  String awaitEnd(String workspace, String name, Duration every, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      String status = status(workspace, name);
      if (TERMINAL.contains(status)) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "job " + name + " was still " + status + " after " + limit.toSeconds() + " s");
      }
      pause(every);
    }
  }

  JsonNode get(String pathAndQuery) {
    Reply reply = send("GET", pathAndQuery, null);
    if (!reply.ok()) {
      throw new Failure("GET " + pathAndQuery, reply);
    }
    return reply.json();
  }

  /** Sends a request with a JSON body (none when {@code json} is null) and returns the answer. */
  Reply send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header("Authorization", authorization);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + base + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** Sleeps; the benchmark's waits are polls of the server, so an interrupt ends the run. */
  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** Sends until the answer is not a retryable one or {@code patience} has passed. */
  private static Reply retrying(
      Supplier<Reply> request, Predicate<Reply> retryable, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      Reply reply = request.get();
      if (!retryable.test(reply) || System.nanoTime() > deadline) {
        return reply;
      }
      pause(Duration.ofMillis(200));
    }
  }

  private static String jobs(String workspace) {
    return "/api/v1/workspaces/" + encode(workspace) + "/jobs";
  }

  private static String computes(String workspace) {
    return "/api/v1/workspaces/" + encode(workspace) + "/computes";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An answer other than the one expected, with the start of its body. */
  static final class Failure extends RuntimeException {

    Failure(String request, Reply reply) {
      super(request + " answered " + reply.status() + ": " + excerpt(reply.body()));
    }

    private static String excerpt(String body) {
      String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
      return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
  }
}
