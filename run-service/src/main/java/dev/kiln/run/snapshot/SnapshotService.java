package dev.kiln.run.snapshot;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.storage.DownloadUrls;
import dev.kiln.run.artifact.ArtifactPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Code snapshots of a workspace: which blobs are missing, storing a blob, committing a manifest,
 * and reading a snapshot back whole (a zip), file by file, or as a signed URL per file. Blobs are
 * stored outside any transaction; a commit touches only the database.
 */
@Service
public class SnapshotService {

  private static final int NAMED_BLOBS = 50;
  private static final int NAMED_FILES = 5;

  private final SnapshotBlobs blobs;
  private final SnapshotProperties limits;
  private final JdbcTemplate jdbc;

  SnapshotService(SnapshotBlobs blobs, SnapshotProperties limits, JdbcTemplate jdbc) {
    this.blobs = blobs;
    this.limits = limits;
    this.jdbc = jdbc;
  }

  /**
   * The digests among {@code files} whose blobs the workspace does not have yet, each once.
   *
   * @throws InvalidRequestException 400 when an entry is malformed (see {@link #commit})
   */
  @Transactional(readOnly = true)
  public List<String> missing(UUID workspaceId, List<SnapshotFile> files) {
    return blobs.missing(workspaceId, Manifest.of(files).digests());
  }

  /**
   * Stores a blob, which must hash to {@code sha256}; a blob the workspace has is not stored again.
   *
   * @param length the content's length, or -1 when unknown
   * @return whether it was new
   * @throws InvalidRequestException 400 {@code invalid_sha256}, {@code digest_mismatch} (nothing is
   *     kept) or {@code incomplete_upload}
   * @throws KilnException 413 {@code blob_too_large} past {@code kiln.snapshots.max-bytes}
   */
  public boolean storeBlob(UUID workspaceId, String sha256, InputStream content, long length) {
    Manifest.requireSha256(sha256);
    return blobs.store(workspaceId, sha256, content, length, limits.maxBytes().toBytes());
  }

  /**
   * Commits a snapshot of {@code files}. The same files again (in any order) answer the snapshot
   * already committed and write nothing.
   *
   * @return the snapshot, and whether this call created it
   * @throws InvalidRequestException 400: {@code invalid_snapshot_path}, {@code invalid_sha256},
   *     {@code invalid_size}, {@code duplicate_path} or {@code path_conflict} for a bad entry;
   *     {@code snapshot_too_large} past the limits, naming the five biggest files; {@code
   *     missing_blobs} when a blob was not uploaded; {@code size_mismatch} when an entry's size is
   *     not its blob's
   */
  @Transactional
  public Committed commit(UUID workspaceId, List<SnapshotFile> files, String createdBy) {
    Manifest manifest = Manifest.of(files);
    String id = manifest.id();
    Optional<Snapshot> existing = find(workspaceId, id);
    if (existing.isPresent()) {
      return new Committed(existing.get().summary(), false);
    }
    requireWithinLimits(manifest);
    requireBlobs(workspaceId, manifest);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    int inserted =
        jdbc.update(
            "insert into snapshot (workspace_id, id, file_count, total_bytes, manifest,"
                + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
            workspaceId,
            id,
            manifest.fileCount(),
            manifest.totalBytes(),
            manifest.toJson(),
            createdBy,
            Timestamp.from(now));
    if (inserted == 0) {
      // Committed by someone else since we looked: theirs is the one.
      return new Committed(require(workspaceId, id).summary(), false);
    }
    return new Committed(
        new Snapshot(id, manifest.fileCount(), manifest.totalBytes(), now, null), true);
  }

  /**
   * The snapshot with its files.
   *
   * @throws InvalidRequestException 400 {@code invalid_snapshot_id} for an id that is no SHA-256
   * @throws NotFoundException 404 {@code snapshot_not_found}
   */
  @Transactional(readOnly = true)
  public Snapshot get(UUID workspaceId, String id) {
    return require(workspaceId, id);
  }

  /**
   * Checks that a run may name snapshot {@code id}.
   *
   * @throws InvalidRequestException 400 {@code invalid_snapshot_id} for an id that is no SHA-256
   * @throws NotFoundException 404 {@code snapshot_not_found} when the workspace has no such
   *     snapshot
   */
  @Transactional(readOnly = true)
  public void requireExists(UUID workspaceId, String id) {
    requireId(id);
    Integer count =
        jdbc.queryForObject(
            "select count(*) from snapshot where workspace_id = ? and id = ?",
            Integer.class,
            workspaceId,
            id);
    if (count == null || count == 0) {
      throw notFound(id);
    }
  }

  /**
   * One file of a snapshot.
   *
   * @throws NotFoundException 404 {@code snapshot_not_found} or {@code snapshot_file_not_found}
   */
  @Transactional(readOnly = true)
  public SnapshotFile file(UUID workspaceId, String id, String path) {
    ArtifactPaths.requireSafe(path, "invalid_snapshot_path", "snapshot file path");
    return require(workspaceId, id).files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "snapshot_file_not_found", "Snapshot " + id + " has no file '" + path + "'."));
  }

  /**
   * A URL per file of the snapshot that reads it straight from the object store, or its path under
   * {@code …/snapshots/{id}/files/} when the store cannot sign: how a job's runner fetches its
   * code.
   *
   * @param apiFolder the API path of the snapshot's files, ending in {@code /files/}
   * @throws NotFoundException 404 {@code snapshot_not_found}
   */
  @Transactional(readOnly = true)
  public DownloadUrls downloadUrls(UUID workspaceId, String id, String apiFolder) {
    List<DownloadUrls.File> files = new ArrayList<>();
    for (SnapshotFile file : require(workspaceId, id).files()) {
      files.add(
          DownloadUrls.File.signedOr(
              blobs.presignGet(workspaceId, file.sha256(), DownloadUrls.VALIDITY),
              file.path(),
              file.size(),
              apiFolder));
    }
    return DownloadUrls.signedNow(files);
  }

  /** Opens a file's content; the caller closes it. */
  public InputStream open(UUID workspaceId, SnapshotFile file) {
    return blobs.open(workspaceId, file.sha256());
  }

  /**
   * Writes the snapshot's files to {@code out} as a zip archive, streaming one blob at a time. Each
   * entry carries the snapshot's creation time, so the same snapshot always makes the same bytes.
   */
  public void writeArchive(UUID workspaceId, Snapshot snapshot, OutputStream out)
      throws IOException {
    FileTime time = FileTime.from(snapshot.createdAt());
    ZipOutputStream zip = new ZipOutputStream(out);
    for (SnapshotFile file : snapshot.files()) {
      ZipEntry entry = new ZipEntry(file.path());
      entry.setLastModifiedTime(time);
      zip.putNextEntry(entry);
      try (InputStream in = blobs.open(workspaceId, file.sha256())) {
        in.transferTo(zip);
      }
      zip.closeEntry();
    }
    zip.finish();
  }

  private Snapshot require(UUID workspaceId, String id) {
    requireId(id);
    return find(workspaceId, id).orElseThrow(() -> notFound(id));
  }

  private Optional<Snapshot> find(UUID workspaceId, String id) {
    return jdbc
        .query(
            "select file_count, total_bytes, created_at, manifest from snapshot"
                + " where workspace_id = ? and id = ?",
            (rs, i) ->
                new Snapshot(
                    id,
                    rs.getInt(1),
                    rs.getLong(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    Manifest.fromJson(rs.getString(4)).files()),
            workspaceId,
            id)
        .stream()
        .findFirst();
  }

  private void requireWithinLimits(Manifest manifest) {
    long maxBytes = limits.maxBytes().toBytes();
    if (manifest.fileCount() <= limits.maxFiles() && manifest.totalBytes() <= maxBytes) {
      return;
    }
    String biggest =
        manifest.biggest(NAMED_FILES).stream()
            .map(f -> f.path() + " (" + String.format(Locale.ROOT, "%,d", f.size()) + " bytes)")
            .collect(Collectors.joining(", "));
    throw new InvalidRequestException(
        "snapshot_too_large",
        String.format(
            Locale.ROOT,
            "The snapshot has %,d files and %,d bytes; the limits are %,d files and %,d bytes."
                + " The biggest files: %s. Leave files out with .amlignore or .gitignore.",
            manifest.fileCount(),
            manifest.totalBytes(),
            limits.maxFiles(),
            maxBytes,
            biggest));
  }

  private void requireBlobs(UUID workspaceId, Manifest manifest) {
    Map<String, Long> stored = blobs.sizes(workspaceId, manifest.digests());
    List<String> missing = manifest.digests().stream().filter(d -> !stored.containsKey(d)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidRequestException(
          "missing_blobs",
          missing.size()
              + " blobs are not uploaded yet (ask POST /snapshots/missing, then PUT"
              + " /snapshots/blobs/{sha256}): "
              + String.join(", ", missing.subList(0, Math.min(NAMED_BLOBS, missing.size())))
              + (missing.size() > NAMED_BLOBS ? ", …" : "")
              + ".");
    }
    for (SnapshotFile file : manifest.files()) {
      long size = stored.get(file.sha256());
      if (size != file.size()) {
        throw new InvalidRequestException(
            "size_mismatch",
            "File '"
                + file.path()
                + "' is listed with "
                + file.size()
                + " bytes, but its blob has "
                + size
                + ".");
      }
    }
  }

  private static void requireId(String id) {
    if (id == null || !Manifest.SHA256.matcher(id).matches()) {
      throw new InvalidRequestException(
          "invalid_snapshot_id", "A snapshot id is a SHA-256: 64 lower-case hex digits.");
    }
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("snapshot_not_found", "Snapshot " + id + " not found.");
  }

  /**
   * The outcome of {@link #commit}.
   *
   * @param snapshot its summary, without files
   * @param created whether this commit created it
   */
  public record Committed(Snapshot snapshot, boolean created) {}
}
