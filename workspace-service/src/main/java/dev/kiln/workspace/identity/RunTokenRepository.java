package dev.kiln.workspace.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RunTokenRepository extends JpaRepository<RunToken, UUID> {

  Optional<RunToken> findBySecretHash(String secretHash);

  /** Revokes every token of a run not revoked yet; the number revoked. */
  @Modifying
  @Query("update RunToken t set t.revokedAt = ?2 where t.runId = ?1 and t.revokedAt is null")
  int revokeAllOfRun(UUID runId, Instant now);
}
