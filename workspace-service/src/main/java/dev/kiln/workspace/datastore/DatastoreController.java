package dev.kiln.workspace.datastore;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Page;
import dev.kiln.common.storage.DownloadUrls;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/datastores")
class DatastoreController {

  private final DatastoreService datastores;

  DatastoreController(DatastoreService datastores) {
    this.datastores = datastores;
  }

  @GetMapping
  Page<DatastoreResponse> list(@PathVariable String workspace) {
    return new Page<>(datastores.list(workspace), null);
  }

  @GetMapping("/{name}")
  DatastoreResponse get(@PathVariable String workspace, @PathVariable String name) {
    return datastores.get(workspace, name);
  }

  /** Creates or replaces datastore {@code name}: 201 when new, 200 when replaced. */
  @PutMapping("/{name}")
  ResponseEntity<DatastoreResponse> put(
      @PathVariable String workspace,
      @PathVariable String name,
      @Valid @RequestBody DatastoreSpec spec) {
    DatastoreService.Created result = datastores.put(workspace, name, spec);
    return ResponseEntity.status(result.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(result.datastore());
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String workspace, @PathVariable String name) {
    datastores.delete(workspace, name);
  }

  /** Tries the datastore's connection with its stored credentials. */
  @PostMapping("/{name}/test")
  ConnectionTester.Result test(@PathVariable String workspace, @PathVariable String name) {
    return datastores.test(workspace, name);
  }

  /**
   * A URL per file that reads it straight from the datastore's storage: {@code ?path=} names one
   * file, {@code ?prefix=} a folder (every file under it; empty for the whole datastore).
   */
  @GetMapping("/{name}/download-urls")
  DownloadUrls downloadUrls(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestParam(required = false) String path,
      @RequestParam(required = false) String prefix) {
    if ((path == null) == (prefix == null)) {
      throw new InvalidRequestException(
          "invalid_request", "Name one file with ?path= or one folder with ?prefix=.");
    }
    return path != null
        ? datastores.downloadUrls(workspace, name, path, false)
        : datastores.downloadUrls(workspace, name, prefix, true);
  }
}
