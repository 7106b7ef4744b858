package dev.kiln.cli.job;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Column;
import dev.kiln.cli.workspace.Workspaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.JsonNode;

/** The job resource as the commands see it: its paths, its name and its table columns. */
public final class Jobs {

  private Jobs() {}

  /** The jobs of {@code workspace}. */
  public static String collection(String workspace) {
    return Workspaces.path(workspace) + "/jobs";
  }

  /** Job {@code name} of {@code workspace}; both encoded as path segments. */
  public static String path(String workspace, String name) {
    return collection(workspace) + "/" + ApiClient.segment(name);
  }

  /**
   * The name, stripped. A blank one is a usage error, and so is {@code .}, {@code ..} or one with a
   * control character: no job has such a name, and in a path or as a folder it would mean another.
   */
  public static String requireName(CommandSpec spec, String name) {
    String job = Arguments.requireNonBlank(spec, name, "job name");
    if (job.equals(".") || job.equals("..") || job.chars().anyMatch(Character::isISOControl)) {
      throw new ParameterException(
          spec.commandLine(),
          "'" + job.replaceAll("\\p{Cntrl}", "?") + "' is not a valid job name");
    }
    return job;
  }

  /**
   * A {@code /}-separated path, such as a metric key or an artifact path, with each segment encoded
   * and the separators kept.
   */
  public static String segments(String path) {
    return Arrays.stream(path.split("/", -1))
        .map(ApiClient::segment)
        .collect(Collectors.joining("/"));
  }

  static String cancelPath(String workspace, String name) {
    return path(workspace, name) + "/cancel";
  }

  static String paramsPath(String workspace, String name) {
    return path(workspace, name) + "/params";
  }

  static String executionPath(String workspace, String name) {
    return path(workspace, name) + "/execution";
  }

  static String logStreamPath(String workspace, String name) {
    return path(workspace, name) + "/logs/stream";
  }

  static String artifactsPath(String workspace, String name) {
    return path(workspace, name) + "/artifacts";
  }

  /** Artifact {@code artifact} (relative to the job's artifact root) of job {@code name}. */
  static String artifactPath(String workspace, String name, String artifact) {
    return artifactsPath(workspace, name) + "/" + segments(artifact);
  }

  /** The columns of {@code job list}; a running job's duration is counted up to {@code clock}. */
  static List<Column> columns(Clock clock) {
    return List.of(
        Column.field("NAME", "name"),
        Column.field("DISPLAY NAME", "displayName", 40),
        Column.field("EXPERIMENT", "experimentName", 40),
        Column.field("STATUS", "status"),
        Column.field("CREATED", "createdAt"),
        new Column("DURATION", job -> duration(job, clock), 0));
  }

  /**
   * How long the job ran: from {@code startTime} to {@code endTime}, or to now while it runs; empty
   * before it started.
   */
  static String duration(JsonNode job, Clock clock) {
    Instant start = instant(job.path("startTime"));
    if (start == null) {
      return "";
    }
    Instant end = instant(job.path("endTime"));
    Duration ran = Duration.between(start, end != null ? end : clock.instant());
    return ran.isNegative() ? "" : human(ran);
  }

  /** {@code 12s}, {@code 4m 05s}, {@code 2h 03m}, {@code 3d 04h}. */
  static String human(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86_400) {
      return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd %02dh", seconds / 86_400, seconds % 86_400 / 3600);
  }

  private static Instant instant(JsonNode value) {
    if (!value.isString()) {
      return null;
    }
    try {
      return Instant.parse(value.asString());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
