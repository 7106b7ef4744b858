package dev.kiln.run.mlflow;

import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.artifact.ArtifactService;
import dev.kiln.run.mlflow.ArtifactMessages.CreateUploadRequest;
import dev.kiln.run.mlflow.ArtifactMessages.CreateUploadResponse;
import dev.kiln.run.mlflow.ArtifactMessages.ListResponse;
import dev.kiln.run.mlflow.ArtifactMessages.UploadRequest;
import dev.kiln.run.workspace.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
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
 * MLflow's artifacts proxy ({@code mlflow-artifacts:} URIs): upload, download, list and delete a
 * run's artifacts or a logged model's files, and multipart uploads straight to the store. Uploads
 * are raw bodies streamed to the store, of any size. Not transactional: the object store is never
 * called inside a database transaction.
 */
@RestController
@RequestMapping(MlflowPaths.ARTIFACTS)
class MlflowArtifactController {

  private final MlflowArtifacts artifacts;
  private final Workspaces workspaces;

  MlflowArtifactController(MlflowArtifacts artifacts, Workspaces workspaces) {
    this.artifacts = artifacts;
    this.workspaces = workspaces;
  }

  /** The folder's immediate children ({@code ?path={experiment}/{run}/artifacts/...}). */
  @GetMapping("/artifacts")
  ListResponse list(
      @PathVariable String workspace,
      @RequestParam(required = false) String path,
      HttpServletRequest request) {
    ArtifactLocation location = parse(MlflowError.require(path, "path"), request);
    return new ListResponse(artifacts.list(workspaces.idOf(workspace), location));
  }

  @GetMapping("/artifacts/{*path}")
  void download(
      @PathVariable String workspace,
      @PathVariable String path,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    ArtifactLocation location = parse(path, request);
    MlflowArtifacts.Download file = artifacts.download(workspaces.idOf(workspace), location);
    try (InputStream in = file.content()) {
      response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
      response.setContentLengthLong(file.size());
      OutputStream out = response.getOutputStream();
      // At most the announced length, should the file be replaced between its stat and open.
      in.transferTo(new BoundedOutputStream(out, file.size()));
      out.flush();
    }
  }

  @PutMapping(value = "/artifacts/{*path}", consumes = MediaType.ALL_VALUE)
  ResponseEntity<Void> upload(
      @PathVariable String workspace, @PathVariable String path, HttpServletRequest request)
      throws IOException {
    ArtifactLocation location = parse(path, request);
    try (InputStream body = request.getInputStream()) {
      artifacts.upload(workspaces.idOf(workspace), location, body, request.getContentLengthLong());
    }
    return ResponseEntity.ok().build();
  }

  /** Deletes a file, or a folder with everything in it. */
  @DeleteMapping("/artifacts/{*path}")
  Map<String, Object> delete(
      @PathVariable String workspace, @PathVariable String path, HttpServletRequest request) {
    artifacts.delete(workspaces.idOf(workspace), parse(path, request));
    return Map.of();
  }

  @PostMapping("/mpu/create/{*path}")
  CreateUploadResponse startUpload(
      @PathVariable String workspace,
      @PathVariable String path,
      @RequestBody CreateUploadRequest request,
      HttpServletRequest servletRequest) {
    return artifacts.startUpload(
        workspaces.idOf(workspace),
        parse(path, servletRequest),
        request.path(),
        request.numParts());
  }

  @PostMapping("/mpu/complete/{*path}")
  Map<String, Object> completeUpload(
      @PathVariable String workspace,
      @PathVariable String path,
      @RequestBody UploadRequest request,
      HttpServletRequest servletRequest) {
    ArtifactLocation folder = parse(path, servletRequest);
    if (request.parts() == null || request.parts().isEmpty()) {
      throw MlflowError.invalid("Completing an upload needs its parts.");
    }
    List<ObjectStore.Part> parts =
        request.parts().stream()
            .map(
                p ->
                    p == null
                        ? ArtifactService.part(null, null)
                        : ArtifactService.part(p.partNumber(), p.etag()))
            .toList();
    artifacts.completeUpload(
        workspaces.idOf(workspace),
        folder,
        request.path(),
        MlflowError.require(request.uploadId(), "upload_id"),
        parts);
    return Map.of();
  }

  @PostMapping("/mpu/abort/{*path}")
  Map<String, Object> abortUpload(
      @PathVariable String workspace,
      @PathVariable String path,
      @RequestBody UploadRequest request,
      HttpServletRequest servletRequest) {
    artifacts.abortUpload(
        workspaces.idOf(workspace),
        parse(path, servletRequest),
        request.path(),
        MlflowError.require(request.uploadId(), "upload_id"));
    return Map.of();
  }

  /** The location of a path variable, checked as sent and as decoded. */
  private static ArtifactLocation parse(String path, HttpServletRequest request) {
    ArtifactLocation.requireCanonical(request.getRequestURI());
    return ArtifactLocation.parse(path);
  }

  /** Passes on at most {@code limit} bytes and drops the rest. */
  private static final class BoundedOutputStream extends OutputStream {

    private final OutputStream out;
    private long left;

    BoundedOutputStream(OutputStream out, long limit) {
      this.out = out;
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      if (left > 0) {
        out.write(b);
        left--;
      }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      int n = (int) Math.min(length, left);
      if (n > 0) {
        out.write(buffer, offset, n);
        left -= n;
      }
    }
  }
}
