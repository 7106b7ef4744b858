package dev.kiln.workspace.workspace;

import dev.kiln.common.auth.Role;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface WorkspaceMemberRepository extends JpaRepository<WorkspaceMember, WorkspaceMember.Key> {

  @Query("select m from WorkspaceMember m where m.key.workspaceId = ?1 order by m.addedAt")
  List<WorkspaceMember> findByWorkspace(UUID workspaceId);

  @Query("select count(m) from WorkspaceMember m where m.key.workspaceId = ?1 and m.role = ?2")
  long countByWorkspaceAndRole(UUID workspaceId, Role role);

  @Query("select m.key.workspaceId from WorkspaceMember m where m.key.userId = ?1")
  List<UUID> workspaceIdsOf(UUID userId);
}
