package dev.kiln.cli.data;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.http.Downloaded;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Downloads the files of a data asset into a local folder, streamed to disk, with progress lines on
 * stderr. Every path is checked with {@link DownloadTarget} before anything is written, and a file
 * whose SHA-256 the server lists must arrive with that SHA-256.
 */
final class Downloader {

  private final ApiClient api;
  private final String workspace;
  private final PrintWriter progress;

  Downloader(ApiClient api, String workspace, PrintWriter progress) {
    this.api = api;
    this.workspace = workspace;
    this.progress = progress;
  }

  /**
   * The files to fetch for {@code location} into {@code dir}: for a folder on the
   * workspaceblobstore every file under it, keeping relative paths; for a file or a URL the one
   * file, named after the last segment of its path.
   *
   * @param folder whether the asset is a folder ({@code uri_folder}, {@code mltable})
   * @throws CliException (exit 1) for other datastores or a path that would leave {@code dir}
   */
  List<DownloadFile> plan(DataLocation location, boolean folder, Path dir) {
    if (location.isUrl()) {
      String name = lastSegment(location.url().getPath());
      String relative = name.isEmpty() ? "download" : name;
      return List.of(
          new DownloadFile(
              location.url().toString(),
              true,
              relative,
              DownloadTarget.resolve(dir, relative),
              -1,
              null));
    }
    if (!location.onBlobStore()) {
      throw new CliException(
          ExitCode.UNEXPECTED,
          "downloading from datastore '"
              + location.datastore()
              + "' is not supported yet; kiln data download reads "
              + DataAssets.BLOB_STORE
              + " and https:// paths");
    }
    String path = location.path();
    if (!folder && !path.endsWith("/")) {
      String relative = lastSegment(path);
      return List.of(
          new DownloadFile(path, false, relative, DownloadTarget.resolve(dir, relative), -1, null));
    }
    String prefix = path.endsWith("/") ? path : path + "/";
    List<DownloadFile> files = new ArrayList<>();
    for (JsonNode item : BlobFiles.list(api, workspace, prefix)) {
      String remote = item.path("path").asString("");
      if (!remote.startsWith(prefix)) {
        throw new CliException(
            ExitCode.UNEXPECTED,
            "refusing to download '"
                + remote.replaceAll("\\p{Cntrl}", "?")
                + "': the server listed it for '"
                + prefix
                + "', which it is not under");
      }
      String relative = remote.substring(prefix.length());
      String sha256 = item.path("sha256").asString("");
      files.add(
          new DownloadFile(
              remote,
              false,
              relative,
              DownloadTarget.resolve(dir, relative),
              item.path("size").asLong(-1),
              sha256.isEmpty() ? null : sha256));
    }
    if (files.isEmpty()) {
      throw new CliException(
          ExitCode.NOT_FOUND,
          "there are no files under '" + prefix + "' in " + DataAssets.BLOB_STORE);
    }
    return files;
  }

  /**
   * Fetches {@code files} (from {@link #plan}) into {@code dir}.
   *
   * @return the bytes written
   */
  long download(List<DownloadFile> files, Path dir) {
    long known = files.stream().mapToLong(DownloadFile::size).filter(size -> size >= 0).sum();
    say(
        "downloading "
            + Sizes.files(files.size())
            + (known > 0 ? ", " + Sizes.human(known) : "")
            + " to "
            + dir);
    long bytes = 0;
    int done = 0;
    for (DownloadFile file : files) {
      done++;
      say(
          "  ["
              + done
              + "/"
              + files.size()
              + "] "
              + file.relative()
              + (file.size() >= 0 ? " (" + Sizes.human(file.size()) + ")" : ""));
      bytes += fetch(file, dir).size();
    }
    return bytes;
  }

  private Downloaded fetch(DownloadFile file, Path dir) {
    DownloadTarget.prepare(dir, file.target());
    Downloaded downloaded =
        file.url()
            ? api.fetch(URI.create(file.remote()), file.target())
            : api.download(BlobFiles.file(workspace, file.remote()), file.target());
    if (file.sha256() != null && !file.sha256().equals(downloaded.sha256())) {
      try {
        Files.deleteIfExists(file.target());
      } catch (IOException e) {
        // the message below says the file is not to be trusted either way
      }
      throw new CliException(
          ExitCode.UNEXPECTED,
          "'"
              + file.remote()
              + "' arrived with another SHA-256 than the server lists for it; '"
              + file.target()
              + "' was removed, run the command again");
    }
    return downloaded;
  }

  private static String lastSegment(String path) {
    String trimmed = path == null ? "" : path;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private void say(String line) {
    progress.println(line);
    progress.flush();
  }
}
