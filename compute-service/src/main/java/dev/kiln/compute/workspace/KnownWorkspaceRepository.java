package dev.kiln.compute.workspace;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The workspaces compute-service has learnt of. */
interface KnownWorkspaceRepository extends JpaRepository<KnownWorkspace, UUID> {

  Optional<KnownWorkspace> findByName(String name);
}
