package dev.kiln.run.log;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.workspace.Workspaces;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A run's log: append lines, read them by id or from the end, and follow them as they come. */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/jobs/{name}/logs")
class LogController {

  private static final int DEFAULT_LIMIT = 1000;

  private final LogService logs;
  private final LogFollower follower;
  private final RunService runs;
  private final Workspaces workspaces;

  LogController(LogService logs, LogFollower follower, RunService runs, Workspaces workspaces) {
    this.logs = logs;
    this.follower = follower;
    this.runs = runs;
    this.workspaces = workspaces;
  }

  /** Appends {@code {stream, lines}}; answers how many lines and the last one's id. */
  @PostMapping
  Appended append(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestBody AppendRequest request) {
    Run run = runs.requireActive(workspaces.idOf(workspace), name);
    long last = logs.append(run, request.stream(), request.lines());
    return new Appended(request.lines().size(), last);
  }

  /** Lines after {@code ?after=} (up to {@code ?limit=}), or the last {@code ?tail=}. */
  @GetMapping
  LogPage read(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestParam(required = false) Long after,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer tail) {
    if (tail != null && (after != null || limit != null)) {
      throw new InvalidRequestException(
          "invalid_query", "Ask for ?tail=N, or for ?after=&limit=, not both.");
    }
    Run run = runs.require(workspaces.idOf(workspace), name);
    if (tail != null) {
      return logs.tail(run, tail);
    }
    return logs.read(run, after == null ? 0 : after, limit == null ? DEFAULT_LIMIT : limit);
  }

  /**
   * Follows the log as server-sent events from the line after {@code Last-Event-ID} (a reconnecting
   * client's) or {@code ?after=}, until the run ends.
   */
  @GetMapping("/stream")
  SseEmitter stream(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestParam(required = false) Long after,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    long from = lastEventId != null ? parseEventId(lastEventId) : after == null ? 0 : after;
    if (from < 0) {
      throw new InvalidRequestException(
          "invalid_after", "'after' is the id of a line already read, 0 or more.");
    }
    Run run = runs.require(workspaces.idOf(workspace), name);
    return follower.follow(run.id(), from);
  }

  private static long parseEventId(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "invalid_last_event_id", "Last-Event-ID is the id of a log line Kiln sent.");
    }
  }

  record AppendRequest(String stream, List<String> lines) {}

  record Appended(int count, long lastId) {}
}
