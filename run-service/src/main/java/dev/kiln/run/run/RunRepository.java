package dev.kiln.run.run;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface RunRepository extends JpaRepository<Run, UUID> {

  Optional<Run> findByWorkspaceIdAndName(UUID workspaceId, String name);

  List<Run> findByParentId(UUID parentId);
}
