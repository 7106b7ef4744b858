package dev.kiln.workspace.workspace;

import dev.kiln.common.auth.Role;
import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.workspace.identity.Users;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members of a workspace and their roles; a workspace always keeps at least one Owner. */
@Service
class MemberService {

  record MemberResponse(String user, Role role, Instant addedAt) {}

  record PutMemberRequest(Role role) {}

  private final WorkspaceRepository workspaces;
  private final WorkspaceMemberRepository members;
  private final Users users;

  MemberService(WorkspaceRepository workspaces, WorkspaceMemberRepository members, Users users) {
    this.workspaces = workspaces;
    this.members = members;
    this.users = users;
  }

  @Transactional(readOnly = true)
  public List<MemberResponse> list(String workspaceName) {
    Workspace workspace = workspace(workspaceName);
    List<WorkspaceMember> rows = members.findByWorkspace(workspace.id());
    Map<UUID, String> names = users.namesOf(rows.stream().map(WorkspaceMember::userId).toList());
    return rows.stream()
        .map(m -> new MemberResponse(names.get(m.userId()), m.role(), m.addedAt()))
        .toList();
  }

  @Transactional
  public MemberResponse put(String workspaceName, String userName, Role role) {
    Workspace workspace = workspace(workspaceName);
    UUID userId = userId(userName);
    WorkspaceMember member =
        members
            .findById(new WorkspaceMember.Key(workspace.id(), userId))
            .orElseGet(
                () ->
                    members.save(
                        new WorkspaceMember(
                            workspace.id(),
                            userId,
                            role,
                            Instant.now().truncatedTo(ChronoUnit.MICROS))));
    if (member.role() != role) {
      requireAnotherOwner(workspace, member);
      member.changeRole(role);
    }
    return new MemberResponse(userName, member.role(), member.addedAt());
  }

  @Transactional
  public void remove(String workspaceName, String userName) {
    Workspace workspace = workspace(workspaceName);
    WorkspaceMember member =
        members
            .findById(new WorkspaceMember.Key(workspace.id(), userId(userName)))
            .orElseThrow(() -> memberNotFound(userName, workspaceName));
    requireAnotherOwner(workspace, member);
    members.delete(member);
  }

  /** Adds the creator of a workspace as its first Owner. */
  @Transactional
  public void addOwner(UUID workspaceId, UUID userId) {
    members.save(
        new WorkspaceMember(
            workspaceId, userId, Role.OWNER, Instant.now().truncatedTo(ChronoUnit.MICROS)));
  }

  private void requireAnotherOwner(Workspace workspace, WorkspaceMember leaving) {
    if (leaving.role() == Role.OWNER
        && members.countByWorkspaceAndRole(workspace.id(), Role.OWNER) <= 1) {
      throw new ConflictException(
          "last_owner", "Workspace '" + workspace.name() + "' must keep at least one Owner.");
    }
  }

  private Workspace workspace(String name) {
    return workspaces.findByName(name).orElseThrow(() -> new WorkspaceNotFoundException(name));
  }

  private UUID userId(String userName) {
    return users
        .idOf(userName)
        .orElseThrow(
            () -> new NotFoundException("user_not_found", "User '" + userName + "' not found."));
  }

  private static NotFoundException memberNotFound(String user, String workspace) {
    return new NotFoundException(
        "member_not_found", "'" + user + "' is not a member of workspace '" + workspace + "'.");
  }
}
