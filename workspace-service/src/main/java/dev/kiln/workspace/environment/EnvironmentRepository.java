package dev.kiln.workspace.environment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Environment versions, addressed by scope (a workspace's or the curated ones) and name. */
interface EnvironmentRepository extends JpaRepository<Environment, UUID> {

  String IN_SCOPE =
      "e.curated = ?1 and (e.curated = true or e.workspaceId = ?2) and lower(e.name) = lower(?3)";
  String NEWEST_FIRST = " order by e.createdAt desc, e.id desc";

  @Query("select e from Environment e where " + IN_SCOPE + NEWEST_FIRST)
  List<Environment> findVersions(boolean curated, UUID workspaceId, String name, Limit limit);

  @Query(
      "select e from Environment e where "
          + IN_SCOPE
          + " and (e.createdAt < ?4 or (e.createdAt = ?4 and e.id < ?5))"
          + NEWEST_FIRST)
  List<Environment> findVersionsBefore(
      boolean curated, UUID workspaceId, String name, Instant createdAt, UUID id, Limit limit);

  @Query("select e from Environment e where " + IN_SCOPE + " and e.version = ?4")
  Optional<Environment> findVersion(boolean curated, UUID workspaceId, String name, String version);

  @Query(
      "select e from Environment e where " + IN_SCOPE + " and e.archivedAt is null" + NEWEST_FIRST)
  List<Environment> findUnarchived(boolean curated, UUID workspaceId, String name, Limit limit);

  @Query("select e.version from Environment e where " + IN_SCOPE)
  List<String> findVersionNumbers(boolean curated, UUID workspaceId, String name);

  boolean existsByWorkspaceIdAndNameIgnoreCase(UUID workspaceId, String name);

  boolean existsByCuratedTrueAndNameIgnoreCase(String name);

  /**
   * The newest unarchived version of each name a workspace sees, by lower-cased name after {@code
   * after}: its own names, and the curated ones it has no environment of its own for.
   */
  @Query(
      nativeQuery = true,
      value =
          """
          select distinct on (lower(e.name)) e.* from environment e
          where e.archived_at is null
            and lower(e.name) > ?2
            and (e.workspace_id = ?1
                 or (e.workspace_id is null and not exists (
                       select 1 from environment own
                       where own.workspace_id = ?1 and lower(own.name) = lower(e.name))))
          order by lower(e.name), e.created_at desc, e.id desc
          limit ?3
          """)
  List<Environment> findLatestOfEachName(UUID workspaceId, String after, int limit);

  /** Serialises writers of one key until the transaction ends, across every replica. */
  @Query(nativeQuery = true, value = "select 1 from (select pg_advisory_xact_lock(hashtext(?1))) l")
  int lock(String key);

  default List<Environment> versions(Scope scope, String name, Limit limit) {
    return findVersions(scope.curated(), scope.workspaceId(), name, limit);
  }

  default List<Environment> versionsBefore(
      Scope scope, String name, Instant createdAt, UUID id, Limit limit) {
    return findVersionsBefore(scope.curated(), scope.workspaceId(), name, createdAt, id, limit);
  }

  default Optional<Environment> version(Scope scope, String name, String version) {
    return findVersion(scope.curated(), scope.workspaceId(), name, version);
  }

  default Optional<Environment> latest(Scope scope, String name) {
    return findUnarchived(scope.curated(), scope.workspaceId(), name, Limit.of(1)).stream()
        .findFirst();
  }

  default List<String> versionNumbers(Scope scope, String name) {
    return findVersionNumbers(scope.curated(), scope.workspaceId(), name);
  }
}
