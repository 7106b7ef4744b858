package dev.kiln.run.mlflow;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.run.artifact.ArtifactPaths;
import java.util.Arrays;

/**
 * A path of the artifacts proxy, as the client builds it from an artifact URI: {@code
 * {experiment}/{run}/artifacts[/path]} for a run's artifacts, {@code
 * {experiment}/models/{model}/artifacts[/path]} for a logged model's files. Every path is checked
 * whole by {@link ArtifactPaths#requireSafe} before it is taken apart, so no spelling of a climb
 * ({@code ..}, encoded dots, backslashes, {@code ;}, {@code #}, empty segments) gets through.
 *
 * @param runId the run's name, or {@code null} for a model's files
 * @param modelId the logged model's id, or {@code null} for a run's artifacts
 * @param path the file or folder below the root; empty for the root itself
 */
record ArtifactLocation(String experimentId, String runId, String modelId, String path) {

  private static final String ARTIFACTS = "artifacts";
  private static final String MODELS = "models";

  /**
   * Parses {@code raw} (a leading {@code /} is dropped, as Spring captures it).
   *
   * @throws dev.kiln.common.error.InvalidRequestException 400 for an unsafe path
   * @throws MlflowError 404 for a path that is not under a run's or a model's artifacts
   */
  static ArtifactLocation parse(String raw) {
    String path = raw != null && raw.startsWith("/") ? raw.substring(1) : raw;
    // The client deletes a whole root as ".../artifacts/": one trailing slash names that folder.
    if (path != null && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    ArtifactPaths.requireSafe(path);
    String[] segments = path.split("/");
    if (segments.length >= 3 && segments[2].equals(ARTIFACTS)) {
      return new ArtifactLocation(segments[0], segments[1], null, rest(segments, 3));
    }
    if (segments.length >= 4
        && segments[1].equals(MODELS)
        && LoggedModels.ID.matcher(segments[2]).matches()
        && segments[3].equals(ARTIFACTS)) {
      return new ArtifactLocation(segments[0], null, segments[2], rest(segments, 4));
    }
    throw MlflowError.notFound(
        "No artifacts at '"
            + path
            + "': Kiln serves {experiment_id}/{run_id}/artifacts/... and"
            + " {experiment_id}/models/{model_id}/artifacts/...");
  }

  /**
   * Refuses a request whose path, as sent, has empty, {@code .} or {@code ..} segments. The servlet
   * container normalises those away before routing ({@code a/../b} reaches a handler as {@code b},
   * {@code //proc} as {@code /proc}), so only the path as sent shows the attempt. One trailing
   * slash is allowed: it names a folder.
   */
  static void requireCanonical(String requestUri) {
    String path =
        requestUri.endsWith("/") ? requestUri.substring(0, requestUri.length() - 1) : requestUri;
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidRequestException(
            "invalid_artifact_path",
            "The request path has an empty, '.' or '..' segment; artifact paths name one file"
                + " plainly.");
      }
    }
  }

  /** This location with {@code name} appended to its path. */
  ArtifactLocation resolve(String name) {
    String joined = path.isEmpty() ? name : path + "/" + name;
    ArtifactPaths.requireSafe(joined);
    return new ArtifactLocation(experimentId, runId, modelId, joined);
  }

  private static String rest(String[] segments, int from) {
    return String.join("/", Arrays.copyOfRange(segments, from, segments.length));
  }
}
