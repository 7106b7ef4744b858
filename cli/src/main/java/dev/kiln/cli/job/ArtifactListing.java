package dev.kiln.cli.job;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The artifact files of a job, from {@code GET .../jobs/{name}/artifacts?path=<folder>&recursive=
 * true}: {@code {"files": [{"path", "isDir", "size"}]}}, paths relative to the job's artifact root.
 * A folder listed without the files below it (by a server that lists one level at a time) is listed
 * in turn. Every path must lie below the folder it was listed for.
 */
final class ArtifactListing {

  /** The most listings one download reads, so that a server cannot keep it listing forever. */
  static final int MAX_LISTINGS = 10_000;

  /**
   * One artifact file.
   *
   * @param path its path relative to the job's artifact root
   * @param size its size in bytes, or -1 when unknown
   */
  record ArtifactFile(String path, long size) {}

  private final ApiClient api;
  private final String workspace;
  private final String job;
  private int listings;

  ArtifactListing(ApiClient api, String workspace, String job) {
    this.api = api;
    this.workspace = workspace;
    this.job = job;
  }

  /**
   * The files below {@code prefix}, sorted by path; with an empty prefix every file of the job.
   * When nothing lies below it and {@code prefix} names a file, that one file.
   *
   * @param prefix a relative folder (or file) path without a leading or trailing {@code /}, or
   *     empty
   * @throws CliException (exit 1) when the server lists a path outside the folder asked for
   */
  List<ArtifactFile> files(String prefix) {
    TreeMap<String, Long> files = new TreeMap<>();
    Deque<String> folders = new ArrayDeque<>(List.of(prefix));
    Set<String> listed = new HashSet<>();
    while (!folders.isEmpty()) {
      String folder = folders.poll();
      if (!listed.add(folder)) {
        continue;
      }
      List<String> subfolders = new ArrayList<>();
      for (JsonNode entry : list(folder, true)) {
        String path = entry.path("path").asString("");
        if (entry.path("isDir").asBoolean(false)) {
          if (!path.equals(folder)) {
            subfolders.add(requireBelow(folder, path));
          }
        } else {
          // A server may answer the listing of a file's path with the file itself.
          files.put(
              path.equals(folder) && !folder.isEmpty() ? path : requireBelow(folder, path),
              entry.path("size").asLong(-1));
        }
      }
      subfolders.stream().filter(sub -> !hasFileBelow(files, sub)).forEach(folders::add);
    }
    if (files.isEmpty() && !prefix.isEmpty()) {
      return file(prefix);
    }
    return files.entrySet().stream().map(e -> new ArtifactFile(e.getKey(), e.getValue())).toList();
  }

  /** {@code path} as a single file, found in the listing of its folder; empty when it is none. */
  private List<ArtifactFile> file(String path) {
    int slash = path.lastIndexOf('/');
    String folder = slash < 0 ? "" : path.substring(0, slash);
    for (JsonNode entry : list(folder, false)) {
      if (path.equals(entry.path("path").asString("")) && !entry.path("isDir").asBoolean(false)) {
        return List.of(new ArtifactFile(path, entry.path("size").asLong(-1)));
      }
    }
    return List.of();
  }

  private JsonNode list(String folder, boolean recursive) {
    if (++listings > MAX_LISTINGS) {
      throw new CliException(
          ExitCode.UNEXPECTED,
          "the artifacts of job '"
              + job
              + "' span more than "
              + MAX_LISTINGS
              + " folder listings; download a part of them with --path");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("path", folder.isEmpty() ? null : folder);
    query.put("recursive", recursive ? "true" : null);
    return api.get(Jobs.artifactsPath(workspace, job), query).path("files");
  }

  /** {@code path}, when it lies below {@code folder} (anywhere for the root). */
  private static String requireBelow(String folder, String path) {
    if (!path.isEmpty() && (folder.isEmpty() || path.startsWith(folder + "/"))) {
      return path;
    }
    throw new CliException(
        ExitCode.UNEXPECTED,
        "refusing to download '"
            + path.replaceAll("\\p{Cntrl}", "?")
            + "': the server listed it for '"
            + folder
            + "', which it is not below");
  }

  private static boolean hasFileBelow(TreeMap<String, Long> files, String folder) {
    String first = files.ceilingKey(folder + "/");
    return first != null && first.startsWith(folder + "/");
  }
}
