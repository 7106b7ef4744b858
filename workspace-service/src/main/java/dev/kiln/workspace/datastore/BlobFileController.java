package dev.kiln.workspace.datastore;

import dev.kiln.common.paging.Page;
import dev.kiln.workspace.workspace.WorkspaceLookup;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Files of the workspaceblobstore: upload (the body is the file), download and list. Used by the
 * CLI to upload local data before it registers a data asset.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/datastores/{datastore}/files")
class BlobFileController {

  private final BlobStore store;
  private final WorkspaceLookup workspaces;

  BlobFileController(BlobStore store, WorkspaceLookup workspaces) {
    this.store = store;
    this.workspaces = workspaces;
  }

  @PutMapping(value = "/{*path}", consumes = MediaType.ALL_VALUE)
  BlobStore.FileInfo upload(
      @PathVariable String workspace,
      @PathVariable String datastore,
      @PathVariable String path,
      HttpServletRequest request)
      throws IOException {
    UUID workspaceId = blobStoreOf(workspace, datastore);
    try (InputStream body = request.getInputStream()) {
      return store.put(workspaceId, relative(path), body, request.getContentLengthLong());
    }
  }

  @GetMapping("/{*path}")
  ResponseEntity<InputStreamResource> download(
      @PathVariable String workspace, @PathVariable String datastore, @PathVariable String path) {
    UUID workspaceId = blobStoreOf(workspace, datastore);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(new InputStreamResource(store.open(workspaceId, relative(path))));
  }

  @GetMapping
  Page<BlobStore.FileInfo> list(
      @PathVariable String workspace,
      @PathVariable String datastore,
      @RequestParam(defaultValue = "") String prefix) {
    return new Page<>(store.list(blobStoreOf(workspace, datastore), prefix), null);
  }

  private UUID blobStoreOf(String workspace, String datastore) {
    if (!DatastoreService.DEFAULT_NAME.equalsIgnoreCase(datastore)) {
      throw BlobStore.notUploadable(datastore);
    }
    return workspaces.requireId(workspace);
  }

  /** {@code {*path}} captures the leading slash. */
  private static String relative(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
