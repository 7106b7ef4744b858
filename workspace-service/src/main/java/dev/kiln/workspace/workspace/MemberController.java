package dev.kiln.workspace.workspace;

import dev.kiln.common.auth.RequiresRole;
import dev.kiln.common.auth.Role;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.paging.Page;
import dev.kiln.workspace.workspace.MemberService.MemberResponse;
import dev.kiln.workspace.workspace.MemberService.PutMemberRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Workspace members: anyone in the workspace reads them, Owners change them. */
@RestController
@RequestMapping("/api/v1/workspaces/{workspace}/members")
class MemberController {

  private final MemberService members;

  MemberController(MemberService members) {
    this.members = members;
  }

  @GetMapping
  Page<MemberResponse> list(@PathVariable String workspace) {
    return new Page<>(members.list(workspace), null);
  }

  @PutMapping("/{user}")
  @RequiresRole(Role.OWNER)
  MemberResponse put(
      @PathVariable String workspace,
      @PathVariable String user,
      @RequestBody PutMemberRequest request) {
    if (request.role() == null) {
      throw new InvalidRequestException("invalid_request", "role is required");
    }
    return members.put(workspace, user, request.role());
  }

  @DeleteMapping("/{user}")
  @RequiresRole(Role.OWNER)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable String workspace, @PathVariable String user) {
    members.remove(workspace, user);
  }
}
