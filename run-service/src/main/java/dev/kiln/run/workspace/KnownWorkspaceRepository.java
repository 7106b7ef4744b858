package dev.kiln.run.workspace;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The workspaces run-service has learnt of. */
public interface KnownWorkspaceRepository extends JpaRepository<KnownWorkspace, UUID> {

  Optional<KnownWorkspace> findByName(String name);
}
