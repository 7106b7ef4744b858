package dev.kiln.workspace.workspace;

import dev.kiln.common.auth.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The role a user holds in a workspace, for the gateway's access resolution. */
@Component
public class WorkspaceRoles {

  private final WorkspaceRepository workspaces;
  private final WorkspaceMemberRepository members;

  WorkspaceRoles(WorkspaceRepository workspaces, WorkspaceMemberRepository members) {
    this.workspaces = workspaces;
    this.members = members;
  }

  @Transactional(readOnly = true)
  public Optional<Role> roleOf(UUID userId, String workspaceName) {
    return workspaces
        .findByName(workspaceName)
        .flatMap(w -> members.findById(new WorkspaceMember.Key(w.id(), userId)))
        .map(WorkspaceMember::role);
  }
}
