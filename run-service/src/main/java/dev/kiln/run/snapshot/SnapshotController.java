package dev.kiln.run.snapshot;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.storage.DownloadUrls;
import dev.kiln.run.workspace.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Content-addressed code upload: ask which blobs are missing, upload those, commit the manifest;
 * read a snapshot back as its manifest, a zip, one file, or a signed URL per file.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/snapshots")
class SnapshotController {

  private final SnapshotService snapshots;
  private final Workspaces workspaces;

  SnapshotController(SnapshotService snapshots, Workspaces workspaces) {
    this.snapshots = snapshots;
    this.workspaces = workspaces;
  }

  /** The digests of {@code files} whose blobs this workspace does not have. */
  @PostMapping("/missing")
  Missing missing(@PathVariable String workspace, @RequestBody FilesRequest request) {
    return new Missing(snapshots.missing(workspaces.idOf(workspace), request.files()));
  }

  /** Stores a blob (the raw body): 201 when new, 200 when the workspace already had it. */
  @PutMapping(value = "/blobs/{sha256}", consumes = MediaType.ALL_VALUE)
  ResponseEntity<BlobStored> putBlob(
      @PathVariable String workspace, @PathVariable String sha256, HttpServletRequest request)
      throws IOException {
    Manifest.requireSha256(sha256);
    UUID workspaceId = workspaces.idOf(workspace);
    boolean created;
    try (InputStream body = request.getInputStream()) {
      created = snapshots.storeBlob(workspaceId, sha256, body, request.getContentLengthLong());
    }
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new BlobStored(sha256, created));
  }

  /** Commits a manifest: 201 with the new snapshot, 200 with the same one committed before. */
  @PostMapping
  ResponseEntity<Snapshot> commit(
      @PathVariable String workspace, @RequestBody FilesRequest request) {
    SnapshotService.Committed committed =
        snapshots.commit(
            workspaces.idOf(workspace), request.files(), CurrentIdentity.get().subject());
    return ResponseEntity.status(committed.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(committed.snapshot());
  }

  @GetMapping("/{id}")
  Snapshot get(@PathVariable String workspace, @PathVariable String id) {
    return snapshots.get(workspaces.idOf(workspace), id);
  }

  /** The snapshot's files as a zip archive, streamed. */
  @GetMapping("/{id}/archive")
  void archive(
      @PathVariable String workspace, @PathVariable String id, HttpServletResponse response)
      throws IOException {
    UUID workspaceId = workspaces.idOf(workspace);
    Snapshot snapshot = snapshots.get(workspaceId, id);
    response.setContentType("application/zip");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("snapshot-" + id + ".zip").build().toString());
    OutputStream out = response.getOutputStream();
    snapshots.writeArchive(workspaceId, snapshot, out);
    out.flush();
  }

  /**
   * A URL per file that reads it straight from the object store (an API path under {@code files/}
   * when the store cannot sign); how a job's runner fetches its code.
   */
  @GetMapping("/{id}/download-urls")
  DownloadUrls downloadUrls(@PathVariable String workspace, @PathVariable String id) {
    String files =
        "/api/v1/workspaces/"
            + UriUtils.encodePathSegment(workspace, StandardCharsets.UTF_8)
            + "/snapshots/"
            + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8)
            + "/files/";
    return snapshots.downloadUrls(workspaces.idOf(workspace), id, files);
  }

  /** One file of the snapshot. */
  @GetMapping("/{id}/files/{*path}")
  void file(
      @PathVariable String workspace,
      @PathVariable String id,
      @PathVariable String path,
      HttpServletResponse response)
      throws IOException {
    UUID workspaceId = workspaces.idOf(workspace);
    String relative = path.startsWith("/") ? path.substring(1) : path;
    SnapshotFile file = snapshots.file(workspaceId, id, relative);
    try (InputStream in = snapshots.open(workspaceId, file)) {
      response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
      response.setContentLengthLong(file.size());
      response.setHeader(
          HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment()
              .filename(relative.substring(relative.lastIndexOf('/') + 1), StandardCharsets.UTF_8)
              .build()
              .toString());
      OutputStream out = response.getOutputStream();
      in.transferTo(out);
      out.flush();
    }
  }

  record FilesRequest(List<SnapshotFile> files) {}

  record Missing(List<String> missing) {}

  record BlobStored(String sha256, boolean created) {}
}
