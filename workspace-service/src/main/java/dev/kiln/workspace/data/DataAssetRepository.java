package dev.kiln.workspace.data;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DataAssetRepository extends JpaRepository<DataAsset, UUID> {

  @Query(
      "select d from DataAsset d where d.workspaceId = ?1 and lower(d.name) = lower(?2)"
          + " order by d.createdAt desc")
  List<DataAsset> findVersions(UUID workspaceId, String name);

  @Query(
      "select d from DataAsset d where d.workspaceId = ?1 and d.archived = false"
          + " and d.createdAt = (select max(e.createdAt) from DataAsset e where e.workspaceId = ?1"
          + " and lower(e.name) = lower(d.name) and e.archived = false) order by d.name")
  List<DataAsset> findLatestOfEachName(UUID workspaceId);
}
