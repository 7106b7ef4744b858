package dev.kiln.workspace.environment;

import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import jakarta.validation.Valid;
import java.net.URI;
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

/**
 * The environments of a workspace. Creating answers 201 with a new version, or 200 with an existing
 * version of the same content; a version of different content is a 409.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/environments")
class EnvironmentController {

  private final EnvironmentService service;
  private final EnvironmentCatalog catalog;

  EnvironmentController(EnvironmentService service, EnvironmentCatalog catalog) {
    this.service = service;
    this.catalog = catalog;
  }

  @GetMapping
  Page<EnvironmentResponse> list(
      @PathVariable String workspace,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return catalog.list(workspace, PageRequest.of(limit, cursor));
  }

  @GetMapping("/resolve")
  EnvironmentResponse resolve(@PathVariable String workspace, @RequestParam String ref) {
    return catalog.resolve(workspace, ref);
  }

  @GetMapping("/{name}/versions")
  Page<EnvironmentResponse> versions(
      @PathVariable String workspace,
      @PathVariable String name,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return catalog.versions(workspace, name, PageRequest.of(limit, cursor));
  }

  /** Creates the next automatic version (or the version the spec names). */
  @PostMapping("/{name}/versions")
  ResponseEntity<EnvironmentResponse> create(
      @PathVariable String workspace,
      @PathVariable String name,
      @Valid @RequestBody EnvironmentSpec spec) {
    return respond(workspace, service.create(workspace, name, null, spec));
  }

  /** Creates version {@code version}; idempotent for the same content. */
  @PutMapping("/{name}/versions/{version}")
  ResponseEntity<EnvironmentResponse> put(
      @PathVariable String workspace,
      @PathVariable String name,
      @PathVariable String version,
      @Valid @RequestBody EnvironmentSpec spec) {
    return respond(workspace, service.create(workspace, name, version, spec));
  }

  /** One version; {@code latest} is the newest one not archived. */
  @GetMapping("/{name}/versions/{version}")
  EnvironmentResponse show(
      @PathVariable String workspace, @PathVariable String name, @PathVariable String version) {
    return catalog.show(workspace, name, version);
  }

  @PostMapping("/{name}/versions/{version}/archive")
  EnvironmentResponse archive(
      @PathVariable String workspace, @PathVariable String name, @PathVariable String version) {
    return service.archive(workspace, name, version);
  }

  private static ResponseEntity<EnvironmentResponse> respond(
      String workspace, EnvironmentService.Saved saved) {
    if (!saved.created()) {
      return ResponseEntity.ok(saved.environment());
    }
    EnvironmentResponse created = saved.environment();
    URI location =
        URI.create(
            "/api/v1/workspaces/"
                + workspace
                + "/environments/"
                + created.name()
                + "/versions/"
                + created.version());
    return ResponseEntity.status(HttpStatus.CREATED).location(location).body(created);
  }
}
