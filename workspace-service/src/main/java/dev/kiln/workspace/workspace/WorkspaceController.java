package dev.kiln.workspace.workspace;

import dev.kiln.common.auth.RequiresRole;
import dev.kiln.common.auth.Role;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceController {

  private final WorkspaceService service;

  WorkspaceController(WorkspaceService service) {
    this.service = service;
  }

  @PostMapping
  ResponseEntity<WorkspaceResponse> create(@Valid @RequestBody CreateWorkspaceRequest request) {
    WorkspaceResponse created = service.create(request);
    return ResponseEntity.created(URI.create("/api/v1/workspaces/" + created.name())).body(created);
  }

  @GetMapping
  Page<WorkspaceResponse> list(
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return service.list(PageRequest.of(limit, cursor));
  }

  @GetMapping("/{workspace}")
  WorkspaceResponse get(@PathVariable String workspace) {
    return service.get(workspace);
  }

  @DeleteMapping("/{workspace}")
  @RequiresRole(Role.OWNER)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String workspace) {
    service.delete(workspace);
  }
}
