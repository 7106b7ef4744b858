package dev.kiln.run.experiment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ExperimentRepository extends JpaRepository<Experiment, UUID> {

  Optional<Experiment> findByWorkspaceIdAndName(UUID workspaceId, String name);

  Optional<Experiment> findByWorkspaceIdAndId(UUID workspaceId, UUID id);

  @Query(
      "select e from Experiment e where e.workspaceId = :workspaceId and e.name > :after"
          + " and (:includeDeleted = true or e.lifecycle = 'active') order by e.name")
  List<Experiment> page(UUID workspaceId, String after, boolean includeDeleted, Limit limit);
}
