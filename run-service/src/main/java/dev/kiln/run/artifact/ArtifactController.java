package dev.kiln.run.artifact;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import dev.kiln.run.workspace.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A run's artifacts: upload, download and list through the API, or presigned URLs and multipart
 * uploads that go straight to the object store (409 {@code presign_unsupported} / {@code
 * multipart_unsupported} where it cannot sign). Uploads are raw bodies streamed to the store
 * without a size limit; send them as {@code application/octet-stream}, as JSON and YAML bodies are
 * documents limited to 1 MB.
 *
 * <p>{@code GET /uploads/{id}/parts/{n}} takes the route from a download of an artifact whose path
 * has that shape; such a file is still reachable through a presigned GET.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/jobs/{name}/artifacts")
class ArtifactController {

  private final ArtifactService artifacts;
  private final RunService runs;
  private final Workspaces workspaces;

  ArtifactController(ArtifactService artifacts, RunService runs, Workspaces workspaces) {
    this.artifacts = artifacts;
    this.runs = runs;
    this.workspaces = workspaces;
  }

  /** Stores the request body as the artifact, replacing any file at the path. */
  @PutMapping(value = "/{*path}", consumes = MediaType.ALL_VALUE)
  ArtifactEntry upload(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String path,
      HttpServletRequest request)
      throws IOException {
    String file = ArtifactPaths.requireSafe(relative(path));
    Run run = runs.requireActive(workspaces.idOf(workspace), name);
    try (InputStream body = request.getInputStream()) {
      return artifacts.put(run, file, body, request.getContentLengthLong());
    }
  }

  /** Streams the artifact file, with its length. */
  @GetMapping("/{*path}")
  void download(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String path,
      HttpServletResponse response)
      throws IOException {
    String file = ArtifactPaths.requireSafe(relative(path));
    Run run = runs.require(workspaces.idOf(workspace), name);
    ArtifactEntry entry = artifacts.stat(run, file);
    try (InputStream in = artifacts.open(run, file)) {
      response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
      response.setContentLengthLong(entry.size());
      response.setHeader(
          HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment()
              .filename(file.substring(file.lastIndexOf('/') + 1), StandardCharsets.UTF_8)
              .build()
              .toString());
      // At most the announced length: should the file be replaced between stat and open, the
      // client gets a broken download rather than a response longer than its Content-Length.
      OutputStream out = response.getOutputStream();
      copy(in, out, entry.size());
      out.flush();
    }
  }

  /** The folder's immediate children ({@code ?path=} a folder, the root when absent). */
  @GetMapping
  ArtifactList list(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestParam(required = false) String path,
      @RequestParam(defaultValue = "false") boolean recursive) {
    if (path != null && !path.isEmpty()) {
      ArtifactPaths.requireSafe(path);
    }
    Run run = runs.require(workspaces.idOf(workspace), name);
    return new ArtifactList(path == null ? "" : path, artifacts.list(run, path, recursive));
  }

  /** A presigned URL that downloads (GET) or uploads (PUT) one artifact. */
  @PostMapping("/presign")
  PresignedUrl presign(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestBody PresignRequest request) {
    String file = ArtifactPaths.requireSafe(request.path());
    PresignMethod method = PresignMethod.parse(request.method());
    Duration ttl = ArtifactService.ttl(request.ttlSeconds());
    UUID workspaceId = workspaces.idOf(workspace);
    Run run =
        method == PresignMethod.PUT
            ? runs.requireActive(workspaceId, name)
            : runs.require(workspaceId, name);
    return artifacts.presign(run, file, method, ttl);
  }

  /** Starts a multipart upload of one artifact. */
  @PostMapping("/uploads")
  ResponseEntity<UploadStarted> startUpload(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestBody StartUploadRequest request) {
    String file = ArtifactPaths.requireSafe(request.path());
    Run run = runs.requireActive(workspaces.idOf(workspace), name);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new UploadStarted(artifacts.startUpload(run, file), file));
  }

  /** A presigned URL for one part of an upload (a POST: the URL grants a write). */
  @PostMapping("/uploads/{uploadId}/parts/{partNumber}")
  PresignedUrl presignPart(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String uploadId,
      @PathVariable String partNumber,
      @RequestParam(required = false) String path,
      @RequestParam(required = false) Long ttlSeconds) {
    String file = ArtifactPaths.requireSafe(path);
    int number = parsePartNumber(partNumber);
    Duration ttl = ArtifactService.ttl(ttlSeconds);
    Run run = runs.requireActive(workspaces.idOf(workspace), name);
    return artifacts.presignPart(run, file, uploadId, number, ttl);
  }

  /** Completes an upload from its parts; answers the artifact it made. */
  @PostMapping("/uploads/{uploadId}/complete")
  ArtifactEntry completeUpload(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String uploadId,
      @RequestBody CompleteUploadRequest request) {
    String file = ArtifactPaths.requireSafe(request.path());
    if (request.parts() == null) {
      throw new InvalidRequestException(
          "invalid_parts", "Completing an upload needs its parts: [{number, etag}, ...].");
    }
    List<ObjectStore.Part> parts =
        request.parts().stream()
            .map(
                p ->
                    p == null
                        ? ArtifactService.part(null, null)
                        : ArtifactService.part(p.number(), p.etag()))
            .toList();
    Run run = runs.requireActive(workspaces.idOf(workspace), name);
    return artifacts.completeUpload(run, file, uploadId, parts);
  }

  /** Aborts an upload ({@code ?path=} the artifact it was for). */
  @DeleteMapping("/uploads/{uploadId}")
  ResponseEntity<Void> abortUpload(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String uploadId,
      @RequestParam(required = false) String path) {
    String file = ArtifactPaths.requireSafe(path);
    Run run = runs.requireActive(workspaces.idOf(workspace), name);
    artifacts.abortUpload(run, file, uploadId);
    return ResponseEntity.noContent().build();
  }

  private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = limit;
    for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static int parsePartNumber(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "invalid_part_number", "Part numbers run from 1 to " + ObjectStore.MAX_PART_NUMBER + ".");
    }
  }

  /** {@code {*path}} captures the leading slash. */
  private static String relative(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  record ArtifactList(String path, List<ArtifactEntry> files) {}

  record PresignRequest(String path, String method, Long ttlSeconds) {}

  record StartUploadRequest(String path) {}

  record UploadStarted(String uploadId, String path) {}

  record CompleteUploadRequest(String path, List<PartRequest> parts) {

    record PartRequest(Integer number, String etag) {}
  }
}
