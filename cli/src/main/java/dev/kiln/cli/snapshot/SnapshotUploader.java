package dev.kiln.cli.snapshot;

import dev.kiln.cli.http.ApiClient;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Uploads a code folder as a content-addressed snapshot: asks which blobs the workspace lacks,
 * uploads only those, then commits the manifest. An unchanged folder uploads nothing.
 */
public final class SnapshotUploader {

  /** What an upload did. */
  public record Uploaded(
      String id, int fileCount, long totalBytes, int uploadedFiles, long uploadedBytes) {}

  private final ApiClient api;
  private final String base;

  public SnapshotUploader(ApiClient api, String workspace) {
    this.api = api;
    this.base = "/api/v1/workspaces/" + ApiClient.segment(workspace) + "/snapshots";
  }

  public Uploaded upload(SnapshotFolder folder) {
    Map<String, Object> manifest = Map.of("files", entries(folder.files()));
    Set<String> missing = new HashSet<>();
    api.post(base + "/missing", manifest).path("missing").forEach(n -> missing.add(n.asString()));
    Set<String> sent = new HashSet<>();
    long sentBytes = 0;
    for (SnapshotFile file : folder.files()) {
      if (missing.contains(file.sha256()) && sent.add(file.sha256())) {
        api.upload(base + "/blobs/" + file.sha256(), file.file());
        sentBytes += file.size();
      }
    }
    JsonNode committed = api.post(base, manifest);
    return new Uploaded(
        committed.path("id").asString(),
        folder.files().size(),
        folder.totalBytes(),
        sent.size(),
        sentBytes);
  }

  private static List<Map<String, Object>> entries(List<SnapshotFile> files) {
    return files.stream()
        .map(
            f -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("path", f.path());
              entry.put("sha256", f.sha256());
              entry.put("size", f.size());
              return entry;
            })
        .toList();
  }
}
