package dev.kiln.workspace.datastore;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DatastoreRepository extends JpaRepository<Datastore, UUID> {

  @Query("select d from Datastore d where d.workspaceId = ?1 and lower(d.name) = lower(?2)")
  Optional<Datastore> findInWorkspace(UUID workspaceId, String name);

  List<Datastore> findByWorkspaceIdOrderByNameAsc(UUID workspaceId);
}
