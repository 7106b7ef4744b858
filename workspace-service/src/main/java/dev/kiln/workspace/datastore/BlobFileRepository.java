package dev.kiln.workspace.datastore;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface BlobFileRepository extends JpaRepository<BlobFile, BlobFile.Key> {

  @Query(
      "select f from BlobFile f where f.key.workspaceId = ?1 and f.key.path like ?2 escape '!'"
          + " order by f.key.path")
  List<BlobFile> findUnder(UUID workspaceId, String likePattern);
}
