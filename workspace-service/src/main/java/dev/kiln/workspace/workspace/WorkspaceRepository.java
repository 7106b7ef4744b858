package dev.kiln.workspace.workspace;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface WorkspaceRepository extends JpaRepository<Workspace, UUID> {

  Optional<Workspace> findByName(String name);

  @Query("select count(w) > 0 from Workspace w where lower(w.name) = lower(?1)")
  boolean existsByNameIgnoringCase(String name);

  List<Workspace> findAllByOrderByNameAsc(Limit limit);

  List<Workspace> findByNameGreaterThanOrderByNameAsc(String after, Limit limit);

  List<Workspace> findByIdInOrderByNameAsc(Collection<UUID> ids, Limit limit);

  List<Workspace> findByIdInAndNameGreaterThanOrderByNameAsc(
      Collection<UUID> ids, String after, Limit limit);
}
