package dev.kiln.workspace.data;

import dev.kiln.common.asset.AssetReference;
import dev.kiln.common.paging.Page;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/data")
class DataController {

  private final DataService data;

  DataController(DataService data) {
    this.data = data;
  }

  /** The latest version of each data asset that is not archived. */
  @GetMapping
  Page<DataResponse> list(@PathVariable String workspace) {
    return new Page<>(data.latestOfEachName(workspace), null);
  }

  /**
   * Resolves a reference as specs write it: {@code azureml:wine:3}, {@code azureml:wine@latest}.
   */
  @GetMapping("/resolve")
  DataResponse resolve(@PathVariable String workspace, @RequestParam String ref) {
    AssetReference reference = AssetReference.parse(ref);
    return data.get(workspace, reference.name(), reference.version());
  }

  @GetMapping("/{name}/versions")
  Page<DataResponse> versions(@PathVariable String workspace, @PathVariable String name) {
    return new Page<>(data.versions(workspace, name), null);
  }

  /** Registers the next automatic version. */
  @PostMapping("/{name}/versions")
  ResponseEntity<DataResponse> create(
      @PathVariable String workspace,
      @PathVariable String name,
      @Valid @RequestBody DataSpec spec) {
    return respond(data.register(workspace, name, spec.version(), spec));
  }

  /** Registers version {@code version}; the same spec again is harmless, another is a 409. */
  @PutMapping("/{name}/versions/{version}")
  ResponseEntity<DataResponse> put(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String version,
      @Valid @RequestBody DataSpec spec) {
    return respond(data.register(workspace, name, version, spec));
  }

  /** One version; {@code latest} is the newest that is not archived. */
  @GetMapping("/{name}/versions/{version}")
  DataResponse get(
      @PathVariable String workspace, @PathVariable String name, @PathVariable String version) {
    return data.get(workspace, name, version);
  }

  @PostMapping("/{name}/versions/{version}/archive")
  DataResponse archive(
      @PathVariable String workspace, @PathVariable String name, @PathVariable String version) {
    return data.setArchived(workspace, name, version, true);
  }

  @PostMapping("/{name}/versions/{version}/restore")
  DataResponse restore(
      @PathVariable String workspace, @PathVariable String name, @PathVariable String version) {
    return data.setArchived(workspace, name, version, false);
  }

  private static ResponseEntity<DataResponse> respond(DataService.Registered registered) {
    return ResponseEntity.status(registered.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(registered.data());
  }
}
